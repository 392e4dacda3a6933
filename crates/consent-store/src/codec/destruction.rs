//! What outlives a destroyed subject ([`DestructionRecord`], [`DestroyedSubject`]) as JSON: inside
//! the clear destruction event, and as the projection of a destroyed subject.

use consent_domain::destruction::{ConsentTrace, DestroyedSubject, DestructionRecord};
use consent_domain::request::Request;
use serde::{Deserialize, Serialize};

use super::CodecError;
use super::codes::{parse_purpose, parse_purposes, purposes_to_vec};
use super::dates::{parse_iso, to_iso};
use super::hlc::HlcV1;
use super::ids::{parse_id, parse_staff, staff_to_string};
use super::request::RequestV1;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DestructionRecordV1 {
    /// `YYYY-MM-DD`.
    pub destroyed_on: String,
    pub requests: Vec<RequestV1>,
    pub consents: Vec<ConsentTraceV1>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConsentTraceV1 {
    pub consent: String,
    pub granted: Vec<String>,
    pub signed_at: Option<HlcV1>,
    /// `[purpose, request id]` pairs.
    pub withdrawn: Vec<(String, String)>,
}

/// A destroyed subject as projected.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DestroyedSubjectV1 {
    pub patient: String,
    pub request: String,
    pub at: HlcV1,
    pub by: String,
    pub record: DestructionRecordV1,
}

impl From<&DestructionRecord> for DestructionRecordV1 {
    fn from(record: &DestructionRecord) -> Self {
        DestructionRecordV1 {
            destroyed_on: to_iso(record.destroyed_on),
            requests: record.requests.iter().map(RequestV1::from).collect(),
            consents: record
                .consents
                .iter()
                .map(|c| ConsentTraceV1 {
                    consent: c.consent.to_string(),
                    granted: purposes_to_vec(&c.granted),
                    signed_at: c.signed_at.map(HlcV1::from),
                    withdrawn: c
                        .withdrawn
                        .iter()
                        .map(|(code, request)| (code.as_str().to_owned(), request.to_string()))
                        .collect(),
                })
                .collect(),
        }
    }
}

impl TryFrom<DestructionRecordV1> for DestructionRecord {
    type Error = CodecError;

    fn try_from(dto: DestructionRecordV1) -> Result<Self, Self::Error> {
        let requests = dto
            .requests
            .into_iter()
            .map(Request::try_from)
            .collect::<Result<Vec<_>, _>>()?;
        let mut consents = Vec::with_capacity(dto.consents.len());
        for c in dto.consents {
            let mut withdrawn = Vec::with_capacity(c.withdrawn.len());
            for (code, request) in c.withdrawn {
                withdrawn.push((
                    parse_purpose(code, "record.consents.withdrawn")?,
                    parse_id(&request, "record.consents.withdrawn")?,
                ));
            }
            consents.push(ConsentTrace {
                consent: parse_id(&c.consent, "record.consents.consent")?,
                granted: parse_purposes(c.granted, "record.consents.granted")?,
                signed_at: c.signed_at.map(Into::into),
                withdrawn,
            });
        }
        Ok(DestructionRecord {
            destroyed_on: parse_iso(&dto.destroyed_on, "record.destroyed_on")?,
            requests,
            consents,
        })
    }
}

impl From<&DestroyedSubject> for DestroyedSubjectV1 {
    fn from(subject: &DestroyedSubject) -> Self {
        DestroyedSubjectV1 {
            patient: subject.patient.to_string(),
            request: subject.request.to_string(),
            at: subject.at.into(),
            by: staff_to_string(subject.by),
            record: (&subject.record).into(),
        }
    }
}

impl TryFrom<DestroyedSubjectV1> for DestroyedSubject {
    type Error = CodecError;

    fn try_from(dto: DestroyedSubjectV1) -> Result<Self, Self::Error> {
        Ok(DestroyedSubject {
            patient: parse_id(&dto.patient, "patient")?,
            request: parse_id(&dto.request, "request")?,
            at: dto.at.into(),
            by: parse_staff(&dto.by, "by")?,
            record: dto.record.try_into()?,
        })
    }
}
