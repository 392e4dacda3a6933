//! The categories of personal data that purposes need: the "list of personal data" a written consent must
//! contain (152-FZ Art. 9 p. 4), and the categories an act of destruction names (order No. 179).

/// A category of personal data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum DataCategory {
    /// Surname, first name, patronymic (ФИО).
    FullName,
    /// Date of birth.
    BirthDate,
    /// Sex.
    Sex,
    /// Phone number.
    Phone,
    /// E-mail address.
    Email,
    /// Address of residence or registration.
    Address,
    /// Identity document: type, series and number, issue date, issuer.
    IdentityDocument,
    /// IP address, location derived from it, cookies, browser and device data (policy 1.1.2).
    LocationAndDevice,
    /// Health data: a special category (152-FZ Art. 10).
    HealthData,
    /// Login and other data of the patient's account on the clinic's website.
    AccountCredentials,
}

impl DataCategory {
    /// Every category, in the order forms list them.
    pub const ALL: [DataCategory; 10] = [
        DataCategory::FullName,
        DataCategory::BirthDate,
        DataCategory::Sex,
        DataCategory::Phone,
        DataCategory::Email,
        DataCategory::Address,
        DataCategory::IdentityDocument,
        DataCategory::LocationAndDevice,
        DataCategory::HealthData,
        DataCategory::AccountCredentials,
    ];

    /// A stable snake_case code.
    pub fn code(self) -> &'static str {
        match self {
            DataCategory::FullName => "full_name",
            DataCategory::BirthDate => "birth_date",
            DataCategory::Sex => "sex",
            DataCategory::Phone => "phone",
            DataCategory::Email => "email",
            DataCategory::Address => "address",
            DataCategory::IdentityDocument => "identity_document",
            DataCategory::LocationAndDevice => "location_and_device",
            DataCategory::HealthData => "health_data",
            DataCategory::AccountCredentials => "account_credentials",
        }
    }

    /// The category as a consent form lists it, in Russian.
    pub fn title_ru(self) -> &'static str {
        match self {
            DataCategory::FullName => "фамилия, имя, отчество",
            DataCategory::BirthDate => "дата рождения",
            DataCategory::Sex => "пол",
            DataCategory::Phone => "номер телефона",
            DataCategory::Email => "адрес электронной почты",
            DataCategory::Address => "адрес места жительства (регистрации)",
            DataCategory::IdentityDocument => {
                "данные документа, удостоверяющего личность (вид, серия, номер, дата выдачи, кем выдан)"
            }
            DataCategory::LocationAndDevice => {
                "IP-адрес, сведения о местонахождении, данные файлов cookie, браузера и устройства"
            }
            DataCategory::HealthData => "сведения о состоянии здоровья",
            DataCategory::AccountCredentials => "учётные данные личного кабинета",
        }
    }

    /// The category as a consent form lists it, in English.
    pub fn title_en(self) -> &'static str {
        match self {
            DataCategory::FullName => "surname, first name, patronymic",
            DataCategory::BirthDate => "date of birth",
            DataCategory::Sex => "sex",
            DataCategory::Phone => "phone number",
            DataCategory::Email => "e-mail address",
            DataCategory::Address => "address of residence (registration)",
            DataCategory::IdentityDocument => {
                "identity document details (type, series, number, date of issue, issuer)"
            }
            DataCategory::LocationAndDevice => {
                "IP address, location, cookie, browser and device data"
            }
            DataCategory::HealthData => "health data",
            DataCategory::AccountCredentials => "personal account credentials",
        }
    }

    /// Whether this is a special category (152-FZ Art. 10), which ordinary Art. 6 grounds such as a
    /// contract do not cover.
    pub fn is_special(self) -> bool {
        matches!(self, DataCategory::HealthData)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::purpose::text::has_cyrillic;

    #[test]
    fn only_health_data_is_special() {
        for category in DataCategory::ALL {
            assert_eq!(
                category.is_special(),
                category == DataCategory::HealthData,
                "{category:?}"
            );
        }
    }

    #[test]
    fn titles_are_in_their_language_and_codes_unique() {
        let mut codes: Vec<&str> = DataCategory::ALL.iter().map(|c| c.code()).collect();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), DataCategory::ALL.len());
        for category in DataCategory::ALL {
            assert!(has_cyrillic(category.title_ru()), "{category:?}");
            assert!(!category.title_en().trim().is_empty(), "{category:?}");
            assert!(!has_cyrillic(category.title_en()), "{category:?}");
        }
    }
}
