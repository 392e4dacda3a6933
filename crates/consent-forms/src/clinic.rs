//! The operator's details that every form prints (152-FZ Art. 9 p. 4 item 3: the operator's name and
//! address; ИНН and ОГРН identify the legal entity).

pub use consent_domain::clinic::Processor;
use consent_domain::clinic::{POLICY_ADDRESS, POLICY_EMAIL, valid_inn, valid_ogrn};

use crate::error::FormError;
use crate::fonts;

/// The clinic as the operator of personal data. Settings, not personal data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Clinic {
    /// Full name of the legal entity, as registered.
    pub name: String,
    /// ИНН: 10 digits for an organisation, 12 for an individual entrepreneur.
    pub inn: String,
    /// ОГРН (13 digits) or ОГРНИП (15 digits).
    pub ogrn: String,
    /// Юридический адрес: where the operator is, and where written withdrawals may be sent
    /// (policy 2.1).
    pub legal_address: String,
    /// Почтовый адрес for letters; often the same as the legal address.
    pub postal_address: String,
    /// The e-mail address for withdrawals (policy 2.1).
    pub withdrawal_email: String,
    pub phone: Option<String>,
    /// The clinic's website, named in the consent to dissemination as the resource that publishes.
    pub website: Option<String>,
    /// Whoever processes data on the clinic's behalf, if anyone.
    pub processor: Option<Processor>,
    /// The information system named in acts of destruction (order No. 179).
    pub information_system: String,
}

impl Clinic {
    /// The website the policy belongs to.
    pub const POLICY_WEBSITE: &'static str = "https://ivksm.ru";
    /// What acts of destruction call the system by default.
    pub const DEFAULT_SYSTEM: &'static str =
        "Информационная система персональных данных «Consent Desk»";

    /// The clinic with the addresses and e-mail of its privacy policy; name, ИНН and ОГРН are not in
    /// the policy and must be given.
    pub fn with_policy_defaults(name: &str, inn: &str, ogrn: &str) -> Clinic {
        Clinic {
            name: name.to_owned(),
            inn: inn.to_owned(),
            ogrn: ogrn.to_owned(),
            legal_address: POLICY_ADDRESS.to_owned(),
            postal_address: POLICY_ADDRESS.to_owned(),
            withdrawal_email: POLICY_EMAIL.to_owned(),
            phone: None,
            website: Some(Self::POLICY_WEBSITE.to_owned()),
            processor: None,
            information_system: Self::DEFAULT_SYSTEM.to_owned(),
        }
    }

    /// Checks what the forms print: nothing blank, ИНН and ОГРН with valid check digits, every
    /// character printable.
    pub fn validate(&self) -> Result<(), FormError> {
        let required = [
            ("clinic.name", self.name.as_str()),
            ("clinic.inn", self.inn.as_str()),
            ("clinic.ogrn", self.ogrn.as_str()),
            ("clinic.legal_address", self.legal_address.as_str()),
            ("clinic.postal_address", self.postal_address.as_str()),
            ("clinic.withdrawal_email", self.withdrawal_email.as_str()),
            (
                "clinic.information_system",
                self.information_system.as_str(),
            ),
        ];
        let processor = self.processor.iter().flat_map(|p| {
            [
                ("clinic.processor.name", p.name.as_str()),
                ("clinic.processor.address", p.address.as_str()),
            ]
        });
        for (field, value) in required.into_iter().chain(processor) {
            if value.trim().is_empty() {
                return Err(FormError::ClinicFieldMissing { field });
            }
        }
        let optional = [
            ("clinic.phone", self.phone.as_deref()),
            ("clinic.website", self.website.as_deref()),
        ];
        for (field, value) in required
            .into_iter()
            .chain(optional.into_iter().filter_map(|(f, v)| Some((f, v?))))
        {
            if !fonts::can_print(value) || value.contains('\n') {
                return Err(FormError::UnprintableCharacter { field });
            }
        }
        if !valid_inn(self.inn.trim()) {
            return Err(FormError::ClinicFieldInvalid {
                field: "clinic.inn",
            });
        }
        if !valid_ogrn(self.ogrn.trim()) {
            return Err(FormError::ClinicFieldInvalid {
                field: "clinic.ogrn",
            });
        }
        let email = self.withdrawal_email.trim();
        if email.contains(char::is_whitespace) || !email.contains('@') {
            return Err(FormError::ClinicFieldInvalid {
                field: "clinic.withdrawal_email",
            });
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inn_check_digits() {
        let cases = [
            ("7707083893", true),
            ("7707083894", false),
            ("500100732259", true),
            ("500100732258", false),
            ("770708389", false),
            ("77070838930", false),
            ("77070838a3", false),
            ("", false),
        ];
        for (inn, ok) in cases {
            assert_eq!(valid_inn(inn), ok, "{inn}");
        }
    }

    #[test]
    fn ogrn_check_digits() {
        let cases = [
            ("1027700132195", true),
            ("1027700132196", false),
            ("304500116000157", true),
            ("304500116000158", false),
            ("102770013219", false),
            ("", false),
        ];
        for (ogrn, ok) in cases {
            assert_eq!(valid_ogrn(ogrn), ok, "{ogrn}");
        }
    }

    #[test]
    fn blank_or_malformed_settings_are_refused() {
        let good = Clinic::with_policy_defaults("ООО «Клиника»", "7707083893", "1027700132195");
        assert_eq!(good.validate(), Ok(()));
        let cases: Vec<(Clinic, &str)> = vec![
            (
                Clinic {
                    name: " ".into(),
                    ..good.clone()
                },
                "forms_clinic_field_missing",
            ),
            (
                Clinic {
                    inn: "123".into(),
                    ..good.clone()
                },
                "forms_clinic_field_invalid",
            ),
            (
                Clinic {
                    ogrn: "1027700132196".into(),
                    ..good.clone()
                },
                "forms_clinic_field_invalid",
            ),
            (
                Clinic {
                    withdrawal_email: "klinika".into(),
                    ..good.clone()
                },
                "forms_clinic_field_invalid",
            ),
            (
                Clinic {
                    processor: Some(Processor {
                        name: "ООО «Обработчик»".into(),
                        address: String::new(),
                    }),
                    ..good.clone()
                },
                "forms_clinic_field_missing",
            ),
            (
                Clinic {
                    name: "Клиника 李".into(),
                    ..good.clone()
                },
                "forms_unprintable_character",
            ),
        ];
        for (clinic, code) in cases {
            assert_eq!(clinic.validate().map_err(|e| e.code()), Err(code));
        }
    }
}
