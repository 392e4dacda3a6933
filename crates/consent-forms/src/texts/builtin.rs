//! The built-in Russian wording, one entry per text key.
//!
//! A placeholder in a built-in text is a promise: the form always supplies a value for it, and an
//! override must keep it (see [`super::FormTexts::load`]).

use super::template::placeholders;

macro_rules! texts {
    ($($(#[$doc:meta])* $variant:ident = $key:literal => $text:expr;)*) => {
        /// A text of the wording catalogue. [`TextKey::key`] is its name in an override file.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum TextKey {
            $($(#[$doc])* $variant,)*
        }

        impl TextKey {
            /// Every key, in catalogue order.
            pub const ALL: &'static [TextKey] = &[$(TextKey::$variant,)*];

            /// The key as an override file names it, such as `consent.title`.
            pub fn key(self) -> &'static str {
                match self {
                    $(TextKey::$variant => $key,)*
                }
            }

            /// The built-in Russian text.
            pub fn builtin(self) -> &'static str {
                match self {
                    $(TextKey::$variant => $text,)*
                }
            }
        }
    };
}

impl TextKey {
    /// The placeholders of the built-in text: an override must use exactly these.
    pub fn placeholders(self) -> Vec<&'static str> {
        placeholders(self.builtin()).unwrap_or_default()
    }
}

/// The law every form cites, spelled out once.
macro_rules! law {
    () => {
        "Федерального закона от 27.07.2006 № 152-ФЗ «О персональных данных»"
    };
}

texts! {
    // Shared furniture.
    CommonInnOgrn = "common.inn_ogrn" => "ИНН {inn}, ОГРН {ogrn}";
    CommonAddress = "common.address" => "Адрес: {address}";
    CommonContacts = "common.contacts" => "E-mail: {email}";
    CommonContactsPhone = "common.contacts_phone" => "Тел.: {phone}, e-mail: {email}";
    CommonFormCode = "common.form_code" => "Код бланка";
    CommonFooter = "common.footer" => "Код бланка {code} · сформирован {printed_at}";
    CommonPage = "common.page" => "Страница {page} из {pages}";
    CommonSignatureCaption = "common.signature_caption" => "(подпись)";
    CommonNameCaption = "common.name_caption" => "(расшифровка подписи)";
    CommonDate = "common.date" => "Дата: {date}";
    CommonBlankDate = "common.blank_date" => "«____» ________________ 20____ г.";
    CommonList = "common.list_item" => "— {item}";

    // Identity documents and the representative's authority.
    KindRuPassport = "document.ru_passport" => "паспорт гражданина Российской Федерации";
    KindRuBirthCertificate = "document.ru_birth_certificate" => "свидетельство о рождении";
    KindForeignPassport = "document.foreign_passport" => "паспорт иностранного гражданина";
    KindResidencePermit = "document.residence_permit" => "вид на жительство в Российской Федерации";
    KindOther = "document.other" => "документ, удостоверяющий личность";
    DocumentSeries = "document.series" => "серия {series}";
    DocumentNumber = "document.number" => "№ {number}";
    DocumentIssued = "document.issued" => "выдан {date} {issuer}";
    DocumentSubdivision = "document.subdivision" => "код подразделения {code}";
    AuthorityBirthCertificate = "authority.child_birth_certificate" => "свидетельство о рождении ребёнка";
    AuthorityGuardianship = "authority.guardianship_decision" => "решение органа опеки и попечительства";
    AuthorityPowerOfAttorney = "authority.power_of_attorney" => "доверенность";
    AuthorityOther = "authority.other" => "документ, подтверждающий полномочия представителя";
    AuthorityIssued = "authority.issued" => "от {date}, выдан(а): {issuer}";

    // Labels of the subject's and the representative's details.
    LabelFullName = "label.full_name" => "Фамилия, имя, отчество";
    LabelBirthDate = "label.birth_date" => "Дата рождения";
    LabelAddress = "label.address" => "Адрес места жительства (регистрации)";
    LabelDocument = "label.document" => "Документ, удостоверяющий личность";
    LabelPhone = "label.phone" => "Телефон";
    LabelEmail = "label.email" => "Электронная почта";
    LabelAuthority = "label.authority" => "Документ, подтверждающий полномочия";

    // The consent to processing (152-FZ Art. 9 p. 4).
    ConsentTitle = "consent.title" => "СОГЛАСИЕ";
    ConsentSubtitle = "consent.subtitle" => "на обработку персональных данных";
    ConsentSectionSubject = "consent.section_subject" => "Субъект персональных данных";
    ConsentSectionRepresentative = "consent.section_representative" =>
        "Законный представитель субъекта персональных данных";
    ConsentStatement = "consent.statement" => concat!(
        "Я, {signer}, действуя свободно, своей волей и в своём интересе, даю согласие оператору ",
        "персональных данных — {clinic_name} (ИНН {inn}, ОГРН {ogrn}), адрес: {clinic_address} ",
        "(далее — Оператор), на обработку моих персональных данных на условиях, изложенных ниже, ",
        "в соответствии со ст. 9 ", law!(), "."
    );
    ConsentStatementRepresentative = "consent.statement_representative" => concat!(
        "Я, {signer}, являясь законным представителем субъекта персональных данных {subject} на ",
        "основании: {authority}, действуя свободно, своей волей и в интересах представляемого, даю ",
        "согласие оператору персональных данных — {clinic_name} (ИНН {inn}, ОГРН {ogrn}), адрес: ",
        "{clinic_address} (далее — Оператор), на обработку персональных данных представляемого на ",
        "условиях, изложенных ниже, в соответствии со ст. 9 ", law!(), "."
    );
    ConsentSectionPurposes = "consent.section_purposes" => "Цели обработки персональных данных";
    ConsentPurposesIntro = "consent.purposes_intro" =>
        "Решение принято отдельно по каждой цели обработки, указанной в Политике конфиденциальности Оператора:";
    ConsentColumnItem = "consent.column_item" => "Пункт Политики";
    ConsentColumnPurpose = "consent.column_purpose" => "Цель обработки";
    ConsentColumnDecision = "consent.column_decision" => "Решение";
    ConsentGranted = "consent.granted" => "Даю согласие";
    ConsentRefused = "consent.refused" => "Не даю согласия";
    ConsentSectionData = "consent.section_data" => "Перечень персональных данных";
    ConsentData = "consent.data" => "Согласие даётся на обработку следующих персональных данных: {data}.";
    ConsentSectionActions = "consent.section_actions" =>
        "Действия с персональными данными и способы обработки";
    ConsentActions = "consent.actions" =>
        "Перечень действий: {actions}. Обработка осуществляется {methods}.";
    ConsentSectionProcessor = "consent.section_processor" => "Обработка по поручению Оператора";
    ConsentProcessor = "consent.processor" =>
        "Оператор поручает обработку персональных данных: {processor_name}, адрес: {processor_address}.";
    ConsentNoProcessor = "consent.no_processor" =>
        "Оператор не поручает обработку персональных данных другим лицам.";
    ConsentSectionTerm = "consent.section_term" => "Срок действия согласия и порядок его отзыва";
    ConsentTermUntilWithdrawn = "consent.term_until_withdrawn" => "Согласие действует до его отзыва.";
    ConsentTermUntil = "consent.term_until" =>
        "Согласие действует по {date} включительно, если не будет отозвано ранее.";
    ConsentWithdrawal = "consent.withdrawal" => concat!(
        "Согласие может быть отозвано в любой момент письменным заявлением, направленным на адрес ",
        "электронной почты {email} или письмом по адресу: {postal_address}. Оператор прекращает ",
        "обработку персональных данных в срок, не превышающий 10 рабочих дней с момента получения ",
        "отзыва, и уничтожает их в сроки, установленные ст. 21 Федерального закона № 152-ФЗ, если ",
        "иное не предусмотрено законом. Отзыв согласия не влияет на обработку, которую Оператор ",
        "ведёт на иных законных основаниях."
    );
    ConsentPolicy = "consent.policy" => concat!(
        "Согласие дано в соответствии с Политикой конфиденциальности Оператора в редакции ",
        "{policy_version}; с Политикой ознакомлен(а). Права субъекта персональных данных, ",
        "предусмотренные главой 3 Федерального закона № 152-ФЗ, мне разъяснены."
    );

    // The consent to data allowed for dissemination (Art. 10.1).
    DisseminationTitle = "dissemination.title" => "СОГЛАСИЕ";
    DisseminationSubtitle = "dissemination.subtitle" =>
        "на обработку персональных данных, разрешённых субъектом персональных данных для распространения";
    DisseminationStatement = "dissemination.statement" => concat!(
        "Я, {signer}, руководствуясь ст. 10.1 ", law!(), ", действуя свободно, своей волей и в ",
        "своём интересе, даю согласие {clinic_name} (ИНН {inn}, ОГРН {ogrn}), адрес: ",
        "{clinic_address} (далее — Оператор), на распространение моих персональных данных на ",
        "условиях, указанных ниже."
    );
    DisseminationStatementRepresentative = "dissemination.statement_representative" => concat!(
        "Я, {signer}, являясь законным представителем субъекта персональных данных {subject} на ",
        "основании: {authority}, руководствуясь ст. 10.1 ", law!(), ", действуя свободно, своей ",
        "волей и в интересах представляемого, даю согласие {clinic_name} (ИНН {inn}, ОГРН {ogrn}), ",
        "адрес: {clinic_address} (далее — Оператор), на распространение персональных данных ",
        "представляемого на условиях, указанных ниже."
    );
    DisseminationContacts = "dissemination.contacts" => "Контактные данные субъекта: {contacts}.";
    DisseminationResource = "dissemination.resource" =>
        "Информационный ресурс Оператора, посредством которого осуществляется распространение: {website}.";
    DisseminationSectionPurposes = "dissemination.section_purposes" => "Цели распространения";
    DisseminationSectionData = "dissemination.section_data" =>
        "Персональные данные, разрешённые для распространения, условия и запреты";
    DisseminationColumnCategory = "dissemination.column_category" => "Категория персональных данных";
    DisseminationColumnAllowed = "dissemination.column_allowed" =>
        "Разрешаю распространение неограниченному кругу лиц";
    DisseminationColumnConditions = "dissemination.column_conditions" =>
        "Условия и запреты (заполняется субъектом при необходимости)";
    DisseminationChoice = "dissemination.choice" => "да / нет (нужное подчеркнуть)";
    DisseminationTerm = "dissemination.term" => concat!(
        "{term} Субъект вправе в любое время потребовать прекратить распространение своих ",
        "персональных данных, направив требование на адрес электронной почты {email} или по адресу: ",
        "{postal_address} (ч. 12 ст. 10.1 Федерального закона № 152-ФЗ)."
    );

    // The withdrawal of consent, pre-filled and blank.
    WithdrawalTo = "withdrawal.to" => "В {clinic_name}";
    WithdrawalFrom = "withdrawal.from" => "от {name}";
    WithdrawalFromDocument = "withdrawal.from_document" => "{document}";
    WithdrawalFromAddress = "withdrawal.from_address" => "адрес: {address}";
    WithdrawalFromContacts = "withdrawal.from_contacts" => "контакты: {contacts}";
    WithdrawalTitle = "withdrawal.title" => "ОТЗЫВ СОГЛАСИЯ";
    WithdrawalSubtitle = "withdrawal.subtitle" => "на обработку персональных данных";
    WithdrawalOnBehalf = "withdrawal.on_behalf" =>
        "Действую в интересах субъекта персональных данных {subject} на основании: {authority}.";
    WithdrawalAll = "withdrawal.all" => concat!(
        "На основании ч. 2 ст. 9 ", law!(), " отзываю согласие на обработку персональных данных ",
        "от {consent_date}, данное {clinic_name}, в полном объёме — по всем целям обработки."
    );
    WithdrawalSome = "withdrawal.some" => concat!(
        "На основании ч. 2 ст. 9 ", law!(), " отзываю согласие на обработку персональных данных ",
        "от {consent_date}, данное {clinic_name}, в части следующих целей обработки:"
    );
    WithdrawalRequest = "withdrawal.request" => concat!(
        "Прошу прекратить обработку персональных данных по указанным целям в срок, не превышающий ",
        "10 рабочих дней с момента получения настоящего отзыва, уничтожить персональные данные, если ",
        "для их обработки нет иных законных оснований, и сообщить мне о результатах по адресу или ",
        "электронной почте, указанным выше."
    );
    WithdrawalReceipt = "withdrawal.receipt" => "Отметка Оператора о получении";
    WithdrawalReceivedOn = "withdrawal.received_on" => "Получено:";
    WithdrawalReceivedCaption = "withdrawal.received_caption" =>
        "(дата получения, входящий номер, должность и подпись сотрудника)";
    BlankNameCaption = "blank.name_caption" =>
        "(фамилия, имя, отчество субъекта персональных данных или его представителя)";
    BlankDocumentCaption = "blank.document_caption" =>
        "(вид, серия и номер документа, удостоверяющего личность, кем и когда выдан)";
    BlankAddressCaption = "blank.address_caption" => "(адрес места жительства)";
    BlankContactsCaption = "blank.contacts_caption" => "(телефон, адрес электронной почты)";
    BlankAuthorityCaption = "blank.authority_caption" =>
        "(для представителя: ФИО представляемого и документ, подтверждающий полномочия)";
    BlankBody = "blank.body" => concat!(
        "На основании ч. 2 ст. 9 ", law!(), " отзываю согласие на обработку персональных данных ",
        "от «____» ________________ 20____ г., данное {clinic_name}:"
    );
    BlankAll = "blank.all" => "в полном объёме — по всем целям обработки;";
    BlankSome = "blank.some" => "в части следующих целей обработки (отметьте нужные):";

    // The act of destruction and the event-log extract (Roskomnadzor order No. 179).
    ActTitle = "act.title" => "АКТ";
    ActTitleNumbered = "act.title_numbered" => "АКТ № {number}";
    ActSubtitle = "act.subtitle" => "об уничтожении персональных данных";
    ActDate = "act.date" => "Дата составления акта: {date}";
    ActOperator = "act.operator" =>
        "Оператор: {clinic_name}, ИНН {inn}, ОГРН {ogrn}, адрес: {clinic_address}.";
    ActProcessor = "act.processor" =>
        "Лицо, осуществляющее обработку по поручению Оператора: {processor_name}, адрес: {processor_address}.";
    ActNoProcessor = "act.no_processor" =>
        "Лицо, осуществляющее обработку по поручению Оператора: не привлекалось.";
    ActSystem = "act.system" => "Информационная система персональных данных: {system}.";
    ActMethod = "act.method" => "Способ уничтожения: {method}.";
    ActIntro = "act.intro" => "Уничтожены персональные данные следующих субъектов персональных данных:";
    ActColumnNumber = "act.column_number" => "№";
    ActColumnSubject = "act.column_subject" => "ФИО субъекта персональных данных";
    ActColumnCategories = "act.column_categories" => "Категории уничтоженных персональных данных";
    ActColumnReason = "act.column_reason" => "Причина уничтожения";
    ActColumnDate = "act.column_date" => "Дата уничтожения";
    ActDestroyers = "act.destroyers" => "Уничтожение произвели:";
    ActBasis = "act.basis" => concat!(
        "Акт составлен в соответствии с Требованиями к подтверждению уничтожения персональных данных, ",
        "утверждёнными приказом Роскомнадзора от 28.10.2022 № 179, и подлежит хранению в течение трёх лет."
    );
    ExtractTitle = "extract.title" => "ВЫГРУЗКА ИЗ ЖУРНАЛА РЕГИСТРАЦИИ СОБЫТИЙ";
    ExtractSubtitle = "extract.subtitle" => concat!(
        "в информационной системе персональных данных — приложение к акту об уничтожении ",
        "персональных данных от {date}"
    );
    ExtractCertified = "extract.certified" => "Выгрузка верна:";
    ExtractColumnSystem = "extract.column_system" => "Информационная система";
    ExtractColumnDate = "extract.column_date" => "Дата и время уничтожения";

    // The recovery sheet: the database key on paper, kept in the clinic's safe.
    RecoveryDocumentName = "recovery.document_name" => "Лист восстановления доступа";
    RecoveryConfidential = "recovery.confidential" => "КОНФИДЕНЦИАЛЬНО · ХРАНИТЬ В СЕЙФЕ";
    RecoveryTitle = "recovery.title" => "Лист восстановления доступа к базе данных";
    RecoverySubtitle = "recovery.subtitle" => "рабочего места Consent Desk";
    RecoveryLabelClinic = "recovery.label_clinic" => "Клиника";
    RecoveryLabelDesk = "recovery.label_desk" => "Рабочее место";
    RecoveryLabelDatabase = "recovery.label_database" => "Идентификатор базы данных";
    RecoveryLabelDeskId = "recovery.label_desk_id" => "Идентификатор рабочего места";
    RecoveryLabelCreated = "recovery.label_created" => "Дата создания";
    RecoveryCodeHeading = "recovery.code_heading" => "Код восстановления";
    RecoveryCodeHint = "recovery.code_hint" => concat!(
        "64 символа — цифры 0–9 и латинские буквы a–f, по четыре в группе. Вводите группы слева ",
        "направо, строку за строкой; пробелы между группами вводить не обязательно."
    );
    RecoveryQrCaption = "recovery.qr_caption" => "QR-код для сканера: база данных и код";
    RecoverySectionLocation = "recovery.section_location" => "Где хранится ключ";
    RecoveryLocation = "recovery.location" =>
        "Ключ шифрования базы данных этого рабочего места хранится {location}.";
    RecoveryLocationKeyring = "recovery.location_keyring" => concat!(
        "в хранилище паролей операционной системы (Windows Credential Manager, Связка ключей macOS, ",
        "Secret Service в Linux)"
    );
    RecoveryLocationEnvironment = "recovery.location_environment" =>
        "в переменной окружения CONSENT_DESK_DB_KEY, заданной администратором";
    RecoveryLocationKeyFile = "recovery.location_key_file" =>
        "в файле ключа, указанном администратором";
    RecoveryPurpose = "recovery.purpose" => concat!(
        "Код восстановления на этом листе — копия этого ключа. Он нужен, если ключ утрачен: ",
        "переустановлена операционная система, изменена учётная запись пользователя, заменён ",
        "компьютер. Без ключа и без этого кода открыть базу данных невозможно."
    );
    RecoverySectionRestore = "recovery.section_restore" => "Как восстановить доступ";
    RecoveryRestoreWhen = "recovery.restore_when" =>
        "Если Consent Desk сообщает, что ключ базы данных не найден:";
    RecoveryStepStart = "recovery.step_start" =>
        "запустите Consent Desk на компьютере, где находится файл базы данных;";
    RecoveryStepChoose = "recovery.step_choose" => "выберите «Восстановить доступ»;";
    RecoveryStepEnter = "recovery.step_enter" => concat!(
        "введите код восстановления с этого листа вручную или считайте QR-код сканером ",
        "штрихкодов."
    );
    RecoveryOnlyThisDatabase = "recovery.only_this_database" =>
        "Код подходит только к базе данных с идентификатором {database_id}.";
    RecoverySectionRules = "recovery.section_rules" => "Правила хранения";
    RecoveryWarning = "recovery.warning" =>
        "Любой, у кого есть этот лист и файл базы данных, может прочитать персональные данные пациентов.";
    RecoveryRuleSafe = "recovery.rule_safe" =>
        "храните лист в сейфе или запираемом шкафу, отдельно от компьютера;";
    RecoveryRulePhoto = "recovery.rule_photo" =>
        "никогда не фотографируйте, не сканируйте и не копируйте лист;";
    RecoveryRuleSend = "recovery.rule_send" => concat!(
        "никогда не пересылайте код по электронной почте или в мессенджерах и не храните его ",
        "на компьютере;"
    );
    RecoveryRuleLost = "recovery.rule_lost" =>
        "если лист утрачен или его видели посторонние, сразу сообщите об этом руководителю клиники;";
    RecoveryRuleDestroy = "recovery.rule_destroy" =>
        "когда рабочее место выводится из эксплуатации, уничтожьте лист в шредере.";
    RecoveryReceived = "recovery.received" => "Лист получил и хранит:";
    RecoveryFooter = "recovery.footer" =>
        "Лист восстановления доступа · база данных {database_id} · сформирован {created_at}";

    // The enrollment sheet: a one-time code that joins a further desk to the clinic server.
    EnrollmentDocumentName = "enrollment.document_name" => "Лист подключения рабочего места";
    EnrollmentConfidential = "enrollment.confidential" =>
        "КОНФИДЕНЦИАЛЬНО · ОДНОРАЗОВЫЙ КОД · УНИЧТОЖИТЬ ПОСЛЕ ИСПОЛЬЗОВАНИЯ";
    EnrollmentTitle = "enrollment.title" => "Лист подключения рабочего места";
    EnrollmentSubtitle = "enrollment.subtitle" => "к серверу клиники Consent Desk";
    EnrollmentLabelClinic = "enrollment.label_clinic" => "Клиника";
    EnrollmentLabelServer = "enrollment.label_server" => "Адрес сервера";
    EnrollmentLabelFingerprint = "enrollment.label_fingerprint" =>
        "Отпечаток сертификата сервера (SHA-256)";
    EnrollmentLabelMadeBy = "enrollment.label_made_by" => "Код создал";
    EnrollmentLabelMadeAt = "enrollment.label_made_at" => "Код создан";
    EnrollmentLabelValidUntil = "enrollment.label_valid_until" => "Код действует до";
    EnrollmentCodeHeading = "enrollment.code_heading" => "Код подключения";
    EnrollmentCodeHint = "enrollment.code_hint" => concat!(
        "Префикс и группы по пять символов: цифры и латинские буквы. Вводите группы слева ",
        "направо, строку за строкой; пробелы между группами вводить не обязательно."
    );
    EnrollmentQrCaption = "enrollment.qr_caption" => "QR-код для сканера: код подключения";
    EnrollmentSectionSteps = "enrollment.section_steps" => "Как подключить рабочее место";
    EnrollmentStepOpen = "enrollment.step_open" =>
        "на новом рабочем месте откройте «Настройки», раздел «Сервер клиники»;";
    EnrollmentStepField = "enrollment.step_field" =>
        "поставьте курсор в поле «Код подключения»;";
    EnrollmentStepScan = "enrollment.step_scan" =>
        "отсканируйте QR-код с этого листа сканером штрихкодов (или введите код вручную);";
    EnrollmentStepJoin = "enrollment.step_join" => "нажмите «Подключить».";
    EnrollmentOnlyThisServer = "enrollment.only_this_server" => concat!(
        "Рабочее место подключится только к серверу {server}, и только если отпечаток его ",
        "сертификата совпадает с напечатанным выше."
    );
    EnrollmentSectionRules = "enrollment.section_rules" => "Правила обращения с листом";
    EnrollmentWarning = "enrollment.warning" => concat!(
        "Любой, у кого есть этот лист, может подключить рабочее место к серверу клиники и получить ",
        "доступ к персональным данным пациентов."
    );
    EnrollmentRuleOnce = "enrollment.rule_once" =>
        "код действует один раз и только до {valid_until};";
    EnrollmentRuleHand = "enrollment.rule_hand" =>
        "передавайте лист из рук в руки тому, кто подключает рабочее место;";
    EnrollmentRuleSend = "enrollment.rule_send" => concat!(
        "никогда не фотографируйте лист и не пересылайте код по электронной почте или в ",
        "мессенджерах;"
    );
    EnrollmentRuleDestroy = "enrollment.rule_destroy" => concat!(
        "сразу после подключения уничтожьте лист в шредере; неиспользованный лист уничтожьте, ",
        "когда срок кода истечёт;"
    );
    EnrollmentRuleLost = "enrollment.rule_lost" => concat!(
        "если лист утрачен или его видели посторонние, сразу сообщите об этом администратору ",
        "клиники."
    );
    EnrollmentFooter = "enrollment.footer" =>
        "Лист подключения рабочего места · сервер {server} · сформирован {made_at}";

    // Notices to the subject.
    NoticeAddressee = "notice.addressee" => "{name}";
    NoticeAddresseeRepresentative = "notice.addressee_representative" =>
        "{name}, законному представителю {subject}";
    NoticeOutgoing = "notice.outgoing" => "Исх. № ________ от {date}";
    NoticeSalutationMale = "notice.salutation_male" => "Уважаемый {name}!";
    NoticeSalutationFemale = "notice.salutation_female" => "Уважаемая {name}!";
    NoticeSalutation = "notice.salutation" => "Уважаемый(ая) {name}!";
    KindWithdrawal = "request.withdrawal" => "отзыв согласия на обработку персональных данных";
    KindAccess = "request.access" =>
        "запрос о предоставлении сведений, касающихся обработки персональных данных";
    ObligationStop = "obligation.stop_processing" => "прекращения обработки персональных данных";
    ObligationAnswer = "obligation.answer" => "предоставления ответа на запрос";
    ExtensionTitle = "extension.title" => "УВЕДОМЛЕНИЕ";
    ExtensionSubtitle = "extension.subtitle" => "о продлении срока рассмотрения обращения";
    ExtensionBody = "extension.body" => concat!(
        "{received_on} в {clinic_name} поступил ваш {request}. Сообщаем, что срок {obligation}, ",
        "установленный {ground}, продлён на пять рабочих дней."
    );
    ExtensionGroundWithdrawal = "extension.ground_withdrawal" => concat!("ч. 5.1 ст. 21 ", law!());
    ExtensionGroundAccess = "extension.ground_access" => concat!("ч. 3 ст. 14 и ст. 20 ", law!());
    ExtensionReason = "extension.reason" => "Причина продления: {reason}";
    ExtensionNewDue = "extension.new_due" => "Новый срок — не позднее {new_due} (ранее — {due}).";
    ExtensionClosing = "extension.closing" =>
        "О результатах рассмотрения обращения вам будет сообщено дополнительно.";
    OutcomeTitle = "outcome.title" => "УВЕДОМЛЕНИЕ";
    OutcomeSubtitle = "outcome.subtitle" =>
        "о результатах рассмотрения отзыва согласия на обработку персональных данных";
    OutcomeBody = "outcome.body" => concat!(
        "{received_on} в {clinic_name} поступил ваш отзыв согласия на обработку персональных данных. ",
        "По результатам его рассмотрения сообщаем по каждой цели обработки:"
    );
    OutcomeColumnPurpose = "outcome.column_purpose" => "Цель обработки";
    OutcomeColumnResult = "outcome.column_result" => "Результат";
    OutcomeStopped = "outcome.stopped" => "Обработка прекращена";
    OutcomeContinues = "outcome.continues" =>
        "Обработка продолжается на ином законном основании: {ground}";
    OutcomeDestroyed = "outcome.destroyed" =>
        "Персональные данные, обработка которых прекращена, уничтожены {date}.";
    OutcomeBlocked = "outcome.blocked" => concat!(
        "Персональные данные, обработка которых прекращена, заблокированы; их уничтожение будет ",
        "произведено в срок не более шести месяцев (ч. 6 ст. 21 Федерального закона № 152-ФЗ)."
    );
    OutcomePending = "outcome.pending" => concat!(
        "Персональные данные, обработка которых прекращена, будут уничтожены в срок, не ",
        "превышающий 30 дней с даты поступления отзыва (ч. 5 ст. 21 Федерального закона № 152-ФЗ)."
    );
    OutcomeNothingStopped = "outcome.nothing_stopped" => concat!(
        "Персональные данные не уничтожаются, так как их обработка продолжается на иных законных ",
        "основаниях, указанных выше."
    );
    AccessTitle = "access.title" => "ОТВЕТ";
    AccessSubtitle = "access.subtitle" => "на запрос субъекта персональных данных";
    AccessBody = "access.body" => concat!(
        "{received_on} в {clinic_name} поступил ваш запрос о предоставлении сведений, касающихся ",
        "обработки ваших персональных данных. В соответствии с ч. 7 ст. 14 ", law!(), " сообщаем:"
    );
    AccessConfirmation = "access.confirmation" =>
        "Оператор осуществляет обработку ваших персональных данных.";
    AccessSectionOperator = "access.section_operator" => "Наименование и место нахождения Оператора";
    AccessOperator = "access.operator" =>
        "{clinic_name}, ИНН {inn}, ОГРН {ogrn}, адрес: {clinic_address}.";
    AccessSectionData = "access.section_data" => "Обрабатываемые персональные данные";
    AccessColumnCategory = "access.column_category" => "Категория";
    AccessColumnValue = "access.column_value" => "Сведения";
    AccessSexMale = "access.sex_male" => "мужской";
    AccessSexFemale = "access.sex_female" => "женский";
    AccessValueHealth = "access.value_health" =>
        "содержатся в медицинской документации и предоставляются по отдельному запросу";
    AccessValueDevice = "access.value_device" =>
        "обрабатываются при использовании сайта Оператора и в настоящем ответе не приводятся";
    AccessValueAccount = "access.value_account" =>
        "учётные данные личного кабинета (при наличии), пароль Оператору не известен";
    AccessSectionPurposes = "access.section_purposes" =>
        "Цели, правовые основания и сроки обработки";
    AccessColumnPurpose = "access.column_purpose" => "Цель обработки";
    AccessColumnGround = "access.column_ground" => "Правовое основание";
    AccessColumnTerm = "access.column_term" => "Срок обработки";
    AccessTermUntilWithdrawn = "access.term_until_withdrawn" => "до отзыва согласия";
    AccessTermUntil = "access.term_until" => "по {date} включительно или до отзыва согласия";
    AccessTermOther = "access.term_other" => concat!(
        "в течение срока, необходимого для достижения цели, и сроков хранения документов, ",
        "установленных законодательством Российской Федерации"
    );
    AccessSectionMethods = "access.section_methods" => "Способы обработки";
    AccessSectionRecipients = "access.section_recipients" =>
        "Лица, которым раскрываются персональные данные";
    AccessRecipients = "access.recipients" => concat!(
        "Персональные данные третьим лицам не передаются, за исключением случаев, предусмотренных ",
        "законодательством Российской Федерации. Трансграничная передача персональных данных не ",
        "осуществляется."
    );
    AccessSectionRights = "access.section_rights" => "Порядок осуществления ваших прав";
    AccessRights = "access.rights" => concat!(
        "Вы вправе требовать уточнения, блокирования или уничтожения персональных данных, если они ",
        "являются неполными, устаревшими, неточными, незаконно полученными или не являются ",
        "необходимыми для заявленной цели обработки, отозвать согласие, а также обжаловать действия ",
        "Оператора в Роскомнадзоре или в суде (ст. 14, 17 и 21 Федерального закона № 152-ФЗ). ",
        "Обращения направляются на адрес электронной почты {email} или по адресу: {postal_address}."
    );
}
