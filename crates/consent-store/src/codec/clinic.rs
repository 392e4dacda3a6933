//! The clinic's details (the `clinic_details_saved` event and the settings projection). Read back
//! through `ClinicDetails::validate`, so a stored value is checked again.

use consent_domain::clinic::{ClinicDetails, ClinicInput};
use serde::{Deserialize, Serialize};

use super::CodecError;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClinicV1 {
    pub name: String,
    pub inn: String,
    pub ogrn: String,
    pub legal_address: String,
    pub postal_address: String,
    pub withdrawal_email: String,
    pub phone: Option<String>,
    pub processor_name: Option<String>,
    pub processor_address: Option<String>,
    pub information_system: String,
}

impl From<&ClinicDetails> for ClinicV1 {
    fn from(clinic: &ClinicDetails) -> Self {
        ClinicV1 {
            name: clinic.name.clone(),
            inn: clinic.inn.clone(),
            ogrn: clinic.ogrn.clone(),
            legal_address: clinic.legal_address.clone(),
            postal_address: clinic.postal_address.clone(),
            withdrawal_email: clinic.withdrawal_email.clone(),
            phone: clinic.phone.clone(),
            processor_name: clinic.processor.as_ref().map(|p| p.name.clone()),
            processor_address: clinic.processor.as_ref().map(|p| p.address.clone()),
            information_system: clinic.information_system.clone(),
        }
    }
}

impl ClinicV1 {
    pub(crate) fn into_domain(self) -> Result<ClinicDetails, CodecError> {
        ClinicDetails::validate(&ClinicInput {
            name: self.name,
            inn: self.inn,
            ogrn: self.ogrn,
            legal_address: Some(self.legal_address),
            postal_address: Some(self.postal_address),
            withdrawal_email: Some(self.withdrawal_email),
            phone: self.phone,
            processor_name: self.processor_name,
            processor_address: self.processor_address,
            information_system: Some(self.information_system),
        })
        .map_err(|e| CodecError::UnknownCode {
            field: e.field().as_str(),
        })
    }
}
