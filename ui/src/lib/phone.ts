// Phones are stored in E.164 (+79123456789); people read Russian numbers as +7 912 345-67-89.

/** A Russian number grouped for reading; any other number unchanged. */
export function formatPhone(e164: string): string {
  const match = /^\+7(\d{3})(\d{3})(\d{2})(\d{2})$/.exec(e164);
  return match ? `+7 ${match[1]} ${match[2]}-${match[3]}-${match[4]}` : e164;
}
