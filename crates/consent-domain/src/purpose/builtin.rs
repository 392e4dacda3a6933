//! The catalogue of the privacy policy in force: purposes 2.2.1–2.2.9, actions and methods of 3.4.
//!
//! The policy was written for a website ("Сайт", "Пользователь"); titles keep its wording and put the
//! clinic and the patient in their place. Each purpose says why it rests on the ground it does.

use std::borrow::Cow;

use crate::dates::date;

use super::catalogue::{Catalogue, Necessity, Purpose};
use super::code::{PolicyItem, PurposeCode};
use super::data_category::DataCategory::{self, *};
use super::legal_ground::LegalGround;
use super::policy::{PolicyVersion, ProcessingAction, ProcessingMethod};
use super::text::LocalizedText;

/// The policy in force.
// The policy text carries no date of its own: 2024-01-01 is a placeholder until the clinic confirms the
// date the edition was published (policy 7.2), and must not be printed as a fact before then.
pub(super) static CURRENT: Catalogue = Catalogue::from_static(
    PolicyVersion::from_static("2024-01", date(2024, 1, 1)),
    &PURPOSES,
    &ProcessingAction::ALL,
    &ProcessingMethod::ALL,
);

const fn data(categories: &'static [DataCategory]) -> Cow<'static, [DataCategory]> {
    Cow::Borrowed(categories)
}

static PURPOSES: [Purpose; 9] = [
    // Contract (Art. 6 p. 1 item 5): the contract for paid medical services names the patient, so the
    // clinic must know whom it serves; no patient can be served anonymously.
    Purpose {
        code: PurposeCode::IDENTIFICATION,
        item: PolicyItem::from_static("2.2.1"),
        title: LocalizedText::from_static(
            "Идентификация пациента, зарегистрированного в клинике",
            "Identifying the patient registered with the clinic",
        ),
        description: LocalizedText::from_static(
            "Мы сверяем ваши ФИО, дату рождения и документ, удостоверяющий личность, чтобы точно знать, \
             что обслуживаем именно вас, и не перепутать вас с другим пациентом.",
            "We check your full name, date of birth and identity document so that we know it is you we \
             are serving and never mix you up with another patient.",
        ),
        legal_ground: LegalGround::Contract,
        necessity: Necessity::Required,
        may_preselect: true,
        data: data(&[FullName, BirthDate, IdentityDocument]),
        needs_dissemination_consent: false,
    },
    // Consent: the online personal account is an extra the patient may do without, and it shows health
    // data (appointments, results), for which only written consent (Art. 10 p. 2 item 1) fits an
    // optional service.
    Purpose {
        code: PurposeCode::PERSONAL_ACCOUNT,
        item: PolicyItem::from_static("2.2.2"),
        title: LocalizedText::from_static(
            "Предоставление пациенту доступа к персонализированным ресурсам сайта клиники \
             (личному кабинету)",
            "Giving the patient access to the personalised resources of the clinic's website \
             (personal account)",
        ),
        description: LocalizedText::from_static(
            "Если вы пользуетесь личным кабинетом на сайте клиники, мы показываем в нём ваши записи на \
             приём и результаты обследований. Без этого согласия личный кабинет недоступен, но лечение \
             в клинике вы получаете в полном объёме.",
            "If you use the personal account on the clinic's website, we show your appointments and test \
             results there. Without this consent the personal account is unavailable, but your treatment \
             at the clinic is not affected.",
        ),
        legal_ground: LegalGround::Consent,
        necessity: Necessity::Optional,
        may_preselect: false,
        data: data(&[
            FullName,
            BirthDate,
            Phone,
            Email,
            AccountCredentials,
            HealthData,
        ]),
        needs_dissemination_consent: false,
    },
    // Contract (Art. 6 p. 1 item 5): confirming bookings and answering the patient's own requests is
    // part of providing the services the patient ordered.
    Purpose {
        code: PurposeCode::FEEDBACK,
        item: PolicyItem::from_static("2.2.3"),
        title: LocalizedText::from_static(
            "Установление с пациентом обратной связи, включая направление уведомлений и запросов, \
             касающихся использования сайта и оказания услуг, обработку запросов и заявок пациента",
            "Keeping in touch with the patient, including sending notices and queries about the website \
             and the services provided, and handling the patient's requests and applications",
        ),
        description: LocalizedText::from_static(
            "Мы связываемся с вами по телефону или электронной почте по поводу услуг, на которые вы \
             записались, и отвечаем на ваши обращения и заявки.",
            "We contact you by phone or e-mail about the services you have booked and answer your \
             requests and applications.",
        ),
        legal_ground: LegalGround::Contract,
        necessity: Necessity::Required,
        may_preselect: true,
        data: data(&[FullName, Phone, Email]),
        needs_dissemination_consent: false,
    },
    // Legitimate interests (Art. 6 p. 1 item 7): keeping the online services secure protects the patient
    // too, and Art. 19 obliges the clinic to guard the data; only IP and device data are used.
    Purpose {
        code: PurposeCode::FRAUD_PREVENTION_LOCATION,
        item: PolicyItem::from_static("2.2.4"),
        title: LocalizedText::from_static(
            "Определение местонахождения пациента для обеспечения безопасности и предотвращения \
             мошенничества",
            "Determining the patient's location to ensure security and prevent fraud",
        ),
        description: LocalizedText::from_static(
            "Когда вы пользуетесь сайтом или личным кабинетом, мы учитываем IP-адрес и данные \
             устройства, чтобы заметить вход посторонних от вашего имени и защитить ваши данные.",
            "When you use the website or the personal account, we look at the IP address and device data \
             to notice anyone else signing in as you and to protect your data.",
        ),
        legal_ground: LegalGround::LegitimateInterests,
        necessity: Necessity::Required,
        may_preselect: true,
        data: data(&[LocationAndDevice]),
        needs_dissemination_consent: false,
    },
    // Contract (Art. 6 p. 1 item 5): the contract and medical papers must carry the patient's true
    // details; 152-FZ Art. 5 p. 6 also asks the operator to keep data accurate.
    Purpose {
        code: PurposeCode::DATA_VERIFICATION,
        item: PolicyItem::from_static("2.2.5"),
        title: LocalizedText::from_static(
            "Подтверждение достоверности и полноты персональных данных, предоставленных пациентом",
            "Confirming that the personal data provided by the patient are accurate and complete",
        ),
        description: LocalizedText::from_static(
            "Мы сверяем сообщённые вами сведения с документами, чтобы договор и медицинские документы \
             были оформлены на верные данные.",
            "We check the details you give us against your documents so that your contract and medical \
             papers carry the right data.",
        ),
        legal_ground: LegalGround::Contract,
        necessity: Necessity::Required,
        may_preselect: true,
        data: data(&[FullName, BirthDate, Sex, Address, IdentityDocument, Phone]),
        needs_dissemination_consent: false,
    },
    // Medical purposes (Art. 10 p. 2 item 4): the patient's record for medical services is kept by
    // people bound by medical secrecy and needs no consent, which is why a withdrawal does not destroy
    // it. The policy's "if the user agreed to create the account" concerns the online personal
    // account, which is purpose 2.2.2 and rests on consent.
    Purpose {
        code: PurposeCode::MEDICAL_ACCOUNT,
        item: PolicyItem::from_static("2.2.6"),
        title: LocalizedText::from_static(
            "Создание учётной записи пациента для получения медицинских услуг",
            "Creating the patient's record for receiving medical services",
        ),
        description: LocalizedText::from_static(
            "Мы ведём вашу медицинскую карту: сведения о здоровье, диагнозы и результаты обследований, \
             без которых нельзя оказать медицинскую помощь. Эти сведения составляют врачебную тайну.",
            "We keep your medical record: health information, diagnoses and test results, without which \
             we cannot treat you. This information is protected by medical secrecy.",
        ),
        legal_ground: LegalGround::MedicalPurposes,
        necessity: Necessity::Required,
        may_preselect: true,
        data: data(&[
            FullName,
            BirthDate,
            Sex,
            Address,
            Phone,
            IdentityDocument,
            HealthData,
        ]),
        needs_dissemination_consent: false,
    },
    // Consent: reminders and notices beyond what the contract needs are a convenience the patient may
    // refuse; LEGAL.md §1 lists notifications among the consent-based purposes.
    Purpose {
        code: PurposeCode::NOTIFICATIONS,
        item: PolicyItem::from_static("2.2.7"),
        title: LocalizedText::from_static(
            "Уведомление пациента",
            "Sending notifications to the patient",
        ),
        description: LocalizedText::from_static(
            "Мы присылаем SMS или письма с напоминаниями о записи, о готовности результатов и об \
             изменениях в расписании. Можно отказаться: на лечение это не влияет.",
            "We send text messages or e-mails to remind you of appointments and to tell you that results \
             are ready or that the schedule has changed. You may refuse; your treatment is not affected.",
        ),
        legal_ground: LegalGround::Consent,
        necessity: Necessity::Optional,
        may_preselect: false,
        data: data(&[FullName, Phone, Email]),
        needs_dissemination_consent: false,
    },
    // Contract (Art. 6 p. 1 item 5, processing at the subject's initiative): support happens when the
    // patient asks for it, to deliver the online services the patient uses.
    Purpose {
        code: PurposeCode::SUPPORT,
        item: PolicyItem::from_static("2.2.8"),
        title: LocalizedText::from_static(
            "Предоставление пациенту эффективной клиентской и технической поддержки при возникновении \
             проблем, связанных с использованием сайта клиники",
            "Providing the patient with effective customer and technical support when problems arise \
             with the use of the clinic's website",
        ),
        description: LocalizedText::from_static(
            "Если у вас возникли трудности с сайтом или личным кабинетом, мы используем ваши контактные \
             данные и сведения об учётной записи, чтобы помочь.",
            "If you have trouble with the website or the personal account, we use your contact details \
             and account information to help you.",
        ),
        legal_ground: LegalGround::Contract,
        necessity: Necessity::Required,
        may_preselect: true,
        data: data(&[FullName, Phone, Email, AccountCredentials]),
        needs_dissemination_consent: false,
    },
    // Consent: the policy allows advertising only with consent (2.2.9), and 38-FZ Art. 18 p. 1 requires
    // the addressee's prior consent to advertising by phone, SMS or e-mail. Never pre-selected.
    Purpose {
        code: PurposeCode::ADVERTISING,
        item: PolicyItem::from_static("2.2.9"),
        title: LocalizedText::from_static(
            "Осуществление рекламной деятельности с согласия пациента",
            "Advertising, with the patient's consent",
        ),
        description: LocalizedText::from_static(
            "С вашего согласия мы сообщаем об акциях и новых услугах клиники по телефону, SMS или \
             электронной почте. Согласие можно не давать или отозвать в любой момент: на лечение это \
             не влияет.",
            "With your consent we tell you about the clinic's offers and new services by phone, text \
             message or e-mail. You need not give this consent and may withdraw it at any time; your \
             treatment is not affected.",
        ),
        legal_ground: LegalGround::Consent,
        necessity: Necessity::Optional,
        may_preselect: false,
        data: data(&[FullName, Phone, Email]),
        needs_dissemination_consent: false,
    },
];
