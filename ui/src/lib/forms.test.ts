import { describe, expect, it } from "vitest";
import { fieldErrors, firstInvalid } from "./forms";

describe("fieldErrors", () => {
  it("maps the desk's field names to the form's and keeps the first message per field", () => {
    const { fields, rest } = fieldErrors(
      {
        code: "invalid_input",
        message: "ИНН: неверная контрольная цифра.",
        detail: "clinic_bad_checksum",
        fields: [
          { field: "inn", problem: "clinic_bad_checksum", message: "ИНН: неверная контрольная цифра." },
          { field: "name", problem: "clinic_required", message: "Наименование: обязательно." },
        ],
      },
      { name: "clinicName" },
    );
    expect(fields).toEqual({ inn: "ИНН: неверная контрольная цифра.", clinicName: "Наименование: обязательно." });
    expect(rest).toBeNull();
    expect(firstInvalid(["clinicName", "inn"], fields)).toBe("clinicName");
  });

  it("returns the message when no field is named", () => {
    const { fields, rest } = fieldErrors({ code: "key", message: "Хранилище ключей недоступно.", detail: null, fields: [] });
    expect(fields).toEqual({});
    expect(rest).toBe("Хранилище ключей недоступно.");
  });
});
