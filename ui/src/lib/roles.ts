import type { MessageKey } from "./i18n/translate";

/** The catalogue key of a staff role's name (`admin` → «Администратор системы»). */
export function roleKey(role: string): MessageKey {
  switch (role) {
    case "admin":
      return "role.admin";
    case "manager":
      return "role.manager";
    default:
      return "role.reception";
  }
}
