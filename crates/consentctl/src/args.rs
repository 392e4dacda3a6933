//! The command line as clap sees it. Help texts are Russian: the clinic's staff read them.
//!
//! Clap's own headings ("Usage:", "Options:") are replaced in [`command`], so `--help` reads Russian
//! throughout; clap's error texts are English (clap has no translations), so [`crate::usage`] tells
//! them again in the language asked for.

use std::ffi::OsString;
use std::path::PathBuf;

use clap::{ArgAction, Args, CommandFactory, FromArgMatches, Parser, Subcommand};
use consent_domain::Lang;

/// Consent Desk на командной строке: те же сценарии, что и в приложении, для администраторов и скриптов.
#[derive(Debug, Parser)]
#[command(name = "consentctl", version)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,
    #[command(subcommand)]
    pub command: Command,
}

/// Options every command accepts.
#[derive(Debug, Args)]
pub struct GlobalArgs {
    /// Каталог данных рабочего места (или CONSENT_DESK_DATA_DIR) [по умолчанию: каталог данных пользователя]
    #[arg(
        long,
        global = true,
        env = "CONSENT_DESK_DATA_DIR",
        hide_env = true,
        value_name = "КАТАЛОГ"
    )]
    pub data_dir: Option<PathBuf>,

    /// Логин сотрудника, от имени которого выполняется команда (или CONSENT_DESK_STAFF)
    #[arg(
        long = "as",
        global = true,
        env = "CONSENT_DESK_STAFF",
        hide_env = true,
        value_name = "ЛОГИН"
    )]
    pub actor: Option<String>,

    /// Вывод в формате JSON (и ошибки тоже, на stdout)
    #[arg(long, global = true)]
    pub json: bool,

    /// Язык сообщений: ru или en (или CONSENT_DESK_LANG) [по умолчанию: ru]
    #[arg(
        long,
        global = true,
        env = "CONSENT_DESK_LANG",
        hide_env = true,
        value_name = "ЯЗЫК",
        default_value = "ru",
        hide_default_value = true,
        value_parser = parse_lang
    )]
    pub lang: Lang,

    /// Файл с ключом базы данных (64 шестнадцатеричных символа, права 0600); иначе CONSENT_DESK_DB_KEY, иначе хранилище ключей ОС
    #[arg(long, global = true, value_name = "ФАЙЛ")]
    pub key_file: Option<PathBuf>,
}

/// The languages `--lang` accepts; also the parser's error, which `usage` words in the chosen language.
pub const LANG_CHOICES: &str = "ru, en";

fn parse_lang(text: &str) -> Result<Lang, String> {
    text.parse::<Lang>().map_err(|_| LANG_CHOICES.to_owned())
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Первоначальная настройка: создать базу данных и первого администратора
    Init(InitArgs),
    /// Пациенты: регистрация, изменение, поиск, карточка
    // Boxed: the patient form has thirty options, the other commands a few.
    #[command(subcommand)]
    Patient(Box<PatientCommand>),
    /// Согласия: оформление, печать бланка, подтверждение подписи
    #[command(subcommand)]
    Consent(ConsentCommand),
    /// Отзывы согласия и другие запросы субъекта
    #[command(subcommand)]
    Withdrawal(WithdrawalCommand),
    /// Очередь запросов со сроками (просроченные первыми)
    Queue,
    /// Запросы субъектов: журнал за период для проверки (менеджер, администратор)
    #[command(subcommand)]
    Requests(RequestsCommand),
    /// Проверить целостность журнала событий
    Verify,
    /// Пересобрать проекции из журнала событий (администратор)
    Rebuild,
    /// Записать зашифрованную резервную копию рабочего места в новый файл (администратор)
    Backup(BackupArgs),
    /// Восстановить рабочее место из резервной копии, проверив её (администратор; приложение закрыто)
    Restore(RestoreArgs),
    /// Производственный календарь: рабочие дни и сроки
    #[command(subcommand)]
    Calendar(CalendarCommand),
    /// Сотрудники (администратор)
    #[command(subcommand)]
    Staff(StaffCommand),
    /// Реквизиты клиники, которые печатаются на формах
    #[command(subcommand)]
    Clinic(ClinicCommand),
    /// Печать форм в PDF: согласие, отзыв, акт об уничтожении, уведомления
    #[command(subcommand)]
    Print(PrintCommand),
    /// Сервер клиники: подключить это рабочее место, сделать код для нового (администратор)
    #[command(subcommand)]
    Server(ServerCommand),
    /// Синхронизировать с сервером клиники сейчас: отправить свои записи, получить чужие
    Sync,
}

#[derive(Debug, Subcommand)]
pub enum RequestsCommand {
    /// Журнал обращений за период: получено, вид, срок, исполнено, кем, в срок или с опозданием
    Journal(JournalArgs),
}

#[derive(Debug, Args)]
pub struct JournalArgs {
    /// Начало периода (дата получения обращения): ДД.ММ.ГГГГ или ГГГГ-ММ-ДД
    #[arg(long, value_name = "ДАТА")]
    pub from: String,
    /// Конец периода, включительно
    #[arg(long, value_name = "ДАТА")]
    pub to: String,
    /// Записать журнал в CSV для Excel (UTF-8 с BOM, разделитель «;»); «-» — в стандартный вывод.
    /// Персональных данных пациентов в файле нет
    #[arg(long, value_name = "ФАЙЛ", conflicts_with = "pdf")]
    pub csv: Option<PathBuf>,
    /// Записать журнал в PDF; «-» — в стандартный вывод. Персональных данных пациентов в файле нет
    #[arg(long, value_name = "ФАЙЛ")]
    pub pdf: Option<PathBuf>,
    /// Заменить существующий файл (символическая ссылка не заменяется никогда)
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Subcommand)]
pub enum ServerCommand {
    /// Подключить это рабочее место к серверу клиники по коду подключения (администратор)
    Join(JoinArgs),
    /// Сделать одноразовый код (действует 24 ч) для подключения ещё одного рабочего места
    Code,
}

#[derive(Debug, Args)]
pub struct JoinArgs {
    /// Код подключения (consent-desk:join:…); «-» — прочитать его со стандартного ввода
    #[arg(value_name = "КОД")]
    pub code: String,
    /// Название рабочего места, которое увидит администратор (например «Окно 2»)
    #[arg(long, value_name = "НАЗВАНИЕ")]
    pub name: String,
}

#[derive(Debug, Subcommand)]
pub enum PrintCommand {
    /// Согласие на обработку ПДн (печать записывается; согласие ждёт подписи)
    Consent(PrintConsentArgs),
    /// Отзыв согласия: заполненный по карточке пациента или пустой бланк (--blank)
    Withdrawal(PrintWithdrawalArgs),
    /// Акт об уничтожении ПДн и выписка из журнала событий (после уничтожения)
    Act(PrintActArgs),
    /// Уведомление субъекту: extension (продление срока), outcome (результат), access (ответ на запрос)
    Notice(PrintNoticeArgs),
}

#[derive(Debug, Args)]
pub struct BackupArgs {
    /// Новый файл копии (существующий не заменяется); копия зашифрована тем же ключом
    #[arg(value_name = "ФАЙЛ")]
    pub file: PathBuf,
}

#[derive(Debug, Args)]
pub struct RestoreArgs {
    /// Файл резервной копии (только читается)
    #[arg(value_name = "ФАЙЛ")]
    pub file: PathBuf,
    /// Заменить базу, которая уже есть в папке: прежние файлы переносятся в папку replaced-…
    #[arg(long)]
    pub replace: bool,
}

#[derive(Debug, Args)]
pub struct OutputArg {
    /// Куда записать PDF («-» — в стандартный вывод). Файл содержит персональные данные:
    /// напечатайте и удалите его
    #[arg(short = 'o', long = "output", value_name = "ФАЙЛ")]
    pub output: PathBuf,
    /// Заменить существующий файл (символическая ссылка не заменяется никогда)
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Args)]
pub struct PrintConsentArgs {
    /// Идентификатор согласия
    #[arg(long, value_name = "ID")]
    pub consent: String,
    /// Не печатать цели, от которых пациент отказался
    #[arg(long)]
    pub hide_refused: bool,
    #[command(flatten)]
    pub out: OutputArg,
}

#[derive(Debug, Args)]
pub struct PrintWithdrawalArgs {
    /// Пациент: отзыв действующего согласия
    #[arg(long, value_name = "ID", conflicts_with_all = ["consent", "blank"])]
    pub patient: Option<String>,
    /// Конкретное согласие
    #[arg(long, value_name = "ID", conflicts_with = "blank")]
    pub consent: Option<String>,
    /// Пустой бланк для выдачи или публикации
    #[arg(long)]
    pub blank: bool,
    /// Отзываемые цели через запятую [по умолчанию: все действующие]
    #[arg(long, value_delimiter = ',', value_name = "ЦЕЛИ")]
    pub purposes: Vec<String>,
    #[command(flatten)]
    pub out: OutputArg,
}

#[derive(Debug, Args)]
pub struct PrintActArgs {
    /// Запрос на отзыв, по которому данные уничтожены
    #[arg(long, value_name = "ID")]
    pub withdrawal: String,
    #[command(flatten)]
    pub out: OutputArg,
}

#[derive(Debug, Args)]
pub struct PrintNoticeArgs {
    /// Запрос
    #[arg(long, value_name = "ID")]
    pub request: String,
    /// Вид: extension, outcome, access
    #[arg(long, value_name = "ВИД")]
    pub kind: String,
    #[command(flatten)]
    pub out: OutputArg,
}

#[derive(Debug, Subcommand)]
pub enum ClinicCommand {
    /// Показать реквизиты клиники
    Show,
    /// Задать или исправить реквизиты клиники (администратор)
    Set(Box<ClinicSetArgs>),
    /// Задать формулировки форм для всей клиники из файла forms.toml (администратор); они
    /// передаются на все рабочие места при синхронизации
    Wording(WordingArgs),
}

#[derive(Debug, Args)]
pub struct WordingArgs {
    /// Файл формулировок (формат forms.toml)
    #[arg(value_name = "ФАЙЛ")]
    pub file: PathBuf,
}

#[derive(Debug, Args)]
pub struct ClinicSetArgs {
    /// Полное наименование, например «ООО "Клиника"»
    #[arg(long, value_name = "НАИМЕНОВАНИЕ")]
    pub name: String,
    /// ИНН организации (10 цифр)
    #[arg(long, value_name = "ИНН")]
    pub inn: String,
    /// ОГРН (13 цифр)
    #[arg(long, value_name = "ОГРН")]
    pub ogrn: String,
    /// Юридический адрес (по умолчанию — из политики: 153013, г. Иваново, ул. Куконковых, д. 142)
    #[arg(long, value_name = "АДРЕС")]
    pub legal_address: Option<String>,
    /// Почтовый адрес для отзывов (по умолчанию — юридический)
    #[arg(long, value_name = "АДРЕС")]
    pub postal_address: Option<String>,
    /// Электронная почта для отзывов (по умолчанию — из политики: klinika_s_m@mail.ru)
    #[arg(long, value_name = "E-MAIL")]
    pub email: Option<String>,
    /// Телефон клиники
    #[arg(long, value_name = "ТЕЛЕФОН")]
    pub phone: Option<String>,
    /// Обработчик, действующий по поручению клиники: наименование
    #[arg(long, value_name = "НАИМЕНОВАНИЕ")]
    pub processor_name: Option<String>,
    /// Обработчик: адрес
    #[arg(long, value_name = "АДРЕС")]
    pub processor_address: Option<String>,
    /// Название информационной системы (для актов об уничтожении)
    #[arg(long, value_name = "НАЗВАНИЕ")]
    pub information_system: Option<String>,
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// Логин первого администратора
    #[arg(long, value_name = "ЛОГИН")]
    pub admin_login: String,
    /// ФИО первого администратора
    #[arg(long, value_name = "ФИО")]
    pub admin_name: String,
}

#[derive(Debug, Subcommand)]
pub enum PatientCommand {
    /// Зарегистрировать пациента (параметры анкеты или --from-json)
    Add(PatientAddArgs),
    /// Заменить данные пациента: заданные поля меняются, остальные остаются прежними
    Update(PatientUpdateArgs),
    /// Найти пациентов: начало фамилии, телефон, дата рождения или номер документа
    Find(PatientFindArgs),
    /// Карточка пациента: согласия, цели, запросы и сроки
    Show(IdArg),
}

#[derive(Debug, Args)]
pub struct PatientAddArgs {
    #[command(flatten)]
    pub form: PatientForm,
    /// Это другой человек: зарегистрировать, даже если похожий пациент уже есть (тот же документ;
    /// те же фамилия, имя и дата рождения; тот же телефон и дата рождения)
    #[arg(long)]
    pub confirm_new: bool,
}

#[derive(Debug, Args)]
pub struct PatientUpdateArgs {
    /// Идентификатор пациента
    #[arg(value_name = "ID")]
    pub id: String,
    #[command(flatten)]
    pub form: PatientForm,
    /// Убрать законного представителя
    #[arg(long, conflicts_with = "rep")]
    pub no_representative: bool,
}

#[derive(Debug, Args)]
pub struct PatientFindArgs {
    /// Что искать
    #[arg(value_name = "ЗАПРОС")]
    pub query: String,
    /// Не больше стольких пациентов (1–100) [по умолчанию: 20]
    #[arg(
        long,
        default_value_t = 20,
        hide_default_value = true,
        value_name = "N"
    )]
    pub limit: usize,
}

#[derive(Debug, Args)]
pub struct IdArg {
    /// Идентификатор
    #[arg(value_name = "ID")]
    pub id: String,
}

/// The patient form as flags. Every flag is optional: `add` starts from an empty form, `update` from
/// the stored one, and `--from-json` is applied before the flags.
#[derive(Debug, Args, Default)]
#[command(group(clap::ArgGroup::new("rep").multiple(true)))]
pub struct PatientForm {
    /// Анкета из файла JSON («-» — стандартный ввод); параметры ниже её дополняют
    #[arg(long, value_name = "ФАЙЛ")]
    pub from_json: Option<PathBuf>,

    /// Фамилия
    #[arg(long, value_name = "ФАМИЛИЯ")]
    pub surname: Option<String>,
    /// Имя
    #[arg(long, value_name = "ИМЯ")]
    pub given_name: Option<String>,
    /// Отчество
    #[arg(long, value_name = "ОТЧЕСТВО")]
    pub patronymic: Option<String>,
    /// Дата рождения (ДД.ММ.ГГГГ)
    #[arg(long, value_name = "ДАТА")]
    pub birth_date: Option<String>,
    /// Пол: male или female
    #[arg(long, value_name = "ПОЛ")]
    pub sex: Option<String>,
    /// Телефон
    #[arg(long, value_name = "ТЕЛЕФОН")]
    pub phone: Option<String>,
    /// Электронная почта
    #[arg(long, value_name = "EMAIL")]
    pub email: Option<String>,
    /// Адрес регистрации
    #[arg(long, value_name = "АДРЕС")]
    pub address: Option<String>,
    /// Вид документа: ru_passport, ru_birth_certificate, foreign_passport, residence_permit, other
    #[arg(long, value_name = "ВИД")]
    pub doc_kind: Option<String>,
    /// Серия документа
    #[arg(long, value_name = "СЕРИЯ")]
    pub doc_series: Option<String>,
    /// Номер документа
    #[arg(long, value_name = "НОМЕР")]
    pub doc_number: Option<String>,
    /// Дата выдачи документа (ДД.ММ.ГГГГ)
    #[arg(long, value_name = "ДАТА")]
    pub doc_issued: Option<String>,
    /// Кем выдан документ
    #[arg(long, value_name = "КЕМ")]
    pub doc_issuer: Option<String>,
    /// Код подразделения (NNN-NNN)
    #[arg(long, value_name = "КОД")]
    pub doc_subdivision: Option<String>,

    /// Представитель: фамилия
    #[arg(long, group = "rep", value_name = "ФАМИЛИЯ")]
    pub rep_surname: Option<String>,
    /// Представитель: имя
    #[arg(long, group = "rep", value_name = "ИМЯ")]
    pub rep_given_name: Option<String>,
    /// Представитель: отчество
    #[arg(long, group = "rep", value_name = "ОТЧЕСТВО")]
    pub rep_patronymic: Option<String>,
    /// Представитель: дата рождения
    #[arg(long, group = "rep", value_name = "ДАТА")]
    pub rep_birth_date: Option<String>,
    /// Представитель: телефон
    #[arg(long, group = "rep", value_name = "ТЕЛЕФОН")]
    pub rep_phone: Option<String>,
    /// Представитель: адрес
    #[arg(long, group = "rep", value_name = "АДРЕС")]
    pub rep_address: Option<String>,
    /// Представитель: вид документа
    #[arg(long, group = "rep", value_name = "ВИД")]
    pub rep_doc_kind: Option<String>,
    /// Представитель: серия документа
    #[arg(long, group = "rep", value_name = "СЕРИЯ")]
    pub rep_doc_series: Option<String>,
    /// Представитель: номер документа
    #[arg(long, group = "rep", value_name = "НОМЕР")]
    pub rep_doc_number: Option<String>,
    /// Представитель: дата выдачи документа
    #[arg(long, group = "rep", value_name = "ДАТА")]
    pub rep_doc_issued: Option<String>,
    /// Представитель: кем выдан документ
    #[arg(long, group = "rep", value_name = "КЕМ")]
    pub rep_doc_issuer: Option<String>,
    /// Представитель: код подразделения
    #[arg(long, group = "rep", value_name = "КОД")]
    pub rep_doc_subdivision: Option<String>,
    /// Документ о полномочиях: child_birth_certificate, guardianship_decision, power_of_attorney, other
    #[arg(long, group = "rep", value_name = "ВИД")]
    pub rep_authority_kind: Option<String>,
    /// Документ о полномочиях: номер
    #[arg(long, group = "rep", value_name = "НОМЕР")]
    pub rep_authority_number: Option<String>,
    /// Документ о полномочиях: дата
    #[arg(long, group = "rep", value_name = "ДАТА")]
    pub rep_authority_date: Option<String>,
    /// Документ о полномочиях: кем выдан
    #[arg(long, group = "rep", value_name = "КЕМ")]
    pub rep_authority_issuer: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum ConsentCommand {
    /// Оформить согласие: перечисленные цели разрешены, остальные цели политики — отказ
    Grant(GrantArgs),
    /// Показать согласие
    Show(IdArg),
    /// Цели обработки действующей редакции политики
    Purposes,
    /// Отметить, что бланк согласия напечатан; выдаёт код формы для QR-кода
    Printed(IdArg),
    /// Подтвердить подписанный бланк
    Sign(SignArgs),
}

#[derive(Debug, Args)]
pub struct GrantArgs {
    /// Идентификатор пациента
    #[arg(long, value_name = "ID")]
    pub patient: String,
    /// Разрешённые цели через запятую (см. consent purposes)
    #[arg(long, value_delimiter = ',', required = true, value_name = "ЦЕЛИ")]
    pub purposes: Vec<String>,
    /// Последний день действия согласия; без него — до отзыва
    #[arg(long, value_name = "ДАТА")]
    pub until: Option<String>,
}

#[derive(Debug, Args)]
pub struct SignArgs {
    /// Код формы с бланка (содержимое QR-кода или идентификатор)
    #[arg(long, value_name = "КОД")]
    pub form: String,
    /// Где хранится подписанный бланк
    #[arg(long, value_name = "МЕСТО")]
    pub paper: String,
}

#[derive(Debug, Subcommand)]
pub enum WithdrawalCommand {
    /// Принять отзыв согласия (или другой запрос субъекта, см. --kind)
    Receive(ReceiveArgs),
    /// Показать запрос и его сроки
    Show(IdArg),
    /// Взять запрос в работу или забрать его у другого менеджера (менеджер)
    Start(IdArg),
    /// Решение по цели: обработка прекращена или продолжается на ином основании (менеджер)
    Decide(DecideArgs),
    /// Продлить срок на 5 рабочих дней с мотивированным уведомлением (один раз, менеджер)
    Extend(ExtendArgs),
    /// Заблокировать данные: уничтожить в срок невозможно или идёт проверка (менеджер)
    Block(IdArg),
    /// Уничтожить данные пациента целиком по отзыву (подтверждение фамилией; менеджер)
    Destroy(DestroyArgs),
    /// Реестр актов об уничтожении (менеджер)
    Acts,
    /// Снять блокировку данных, установленную по этому запросу (менеджер)
    Unblock(IdArg),
    /// Субъект уведомлён о результате (менеджер)
    Notify(NotifyArgs),
    /// Закрыть запрос после уведомления (менеджер)
    Close(IdArg),
}

#[derive(Debug, Args)]
pub struct DecideArgs {
    /// Идентификатор запроса
    #[arg(value_name = "ID")]
    pub id: String,
    /// Цель (код или пункт политики, например advertising или 2.2.9)
    #[arg(long, value_name = "ЦЕЛЬ")]
    pub purpose: String,
    /// Обработка продолжается на этом правовом основании (без флага: обработка прекращена)
    #[arg(long, value_name = "ОСНОВАНИЕ")]
    pub continues_on: Option<String>,
}

#[derive(Debug, Args)]
pub struct ExtendArgs {
    /// Идентификатор запроса
    #[arg(value_name = "ID")]
    pub id: String,
    /// Причина продления (войдёт в уведомление субъекту)
    #[arg(long, value_name = "ПРИЧИНА")]
    pub reason: String,
}

#[derive(Debug, Args)]
pub struct DestroyArgs {
    /// Идентификатор запроса на отзыв
    #[arg(value_name = "ID")]
    pub id: String,
    /// Фамилия пациента — подтверждение, что уничтожаются данные именно этого человека
    #[arg(long, value_name = "ФАМИЛИЯ")]
    pub surname: String,
}

#[derive(Debug, Args)]
pub struct NotifyArgs {
    /// Идентификатор запроса
    #[arg(value_name = "ID")]
    pub id: String,
    /// Дата уведомления [по умолчанию: сегодня]
    #[arg(long, value_name = "ДАТА")]
    pub on: Option<String>,
    /// Как уведомлён: in_person, email, post
    #[arg(long, default_value = "post", value_name = "СПОСОБ")]
    pub channel: String,
}

#[derive(Debug, Args)]
pub struct ReceiveArgs {
    /// Идентификатор пациента
    #[arg(long, value_name = "ID")]
    pub patient: String,
    /// Отзываемые цели через запятую [по умолчанию: все действующие]
    #[arg(long, value_delimiter = ',', value_name = "ЦЕЛИ")]
    pub purposes: Vec<String>,
    /// Дата получения запроса [по умолчанию: сегодня]
    #[arg(long, value_name = "ДАТА")]
    pub received: Option<String>,
    /// Как получен: in_person, email, post [по умолчанию: in_person]
    #[arg(
        long,
        default_value = "in_person",
        hide_default_value = true,
        value_name = "СПОСОБ"
    )]
    pub channel: String,
    /// Вид запроса: withdrawal, access, correction, blocking, claim [по умолчанию: withdrawal]
    #[arg(
        long,
        default_value = "withdrawal",
        hide_default_value = true,
        value_name = "ВИД"
    )]
    pub kind: String,
}

#[derive(Debug, Subcommand)]
pub enum CalendarCommand {
    /// Рабочий ли день (да/нет) и какой это день
    IsWorkingDay(DayArgs),
    /// Дата через N рабочих дней после DATE (сама DATE не считается)
    AddWorkingDays(AddDaysArgs),
    /// Загрузить год календаря из файла xmlcalendar (администратор)
    Import(ImportArgs),
}

#[derive(Debug, Args)]
pub struct DayArgs {
    /// Дата (ДД.ММ.ГГГГ или ГГГГ-ММ-ДД)
    #[arg(value_name = "ДАТА")]
    pub date: String,
    /// Встроенный календарь, даже если есть база рабочего места
    #[arg(long)]
    pub builtin: bool,
}

#[derive(Debug, Args)]
pub struct AddDaysArgs {
    /// Дата отсчёта (ДД.ММ.ГГГГ или ГГГГ-ММ-ДД)
    #[arg(value_name = "ДАТА")]
    pub date: String,
    /// Сколько рабочих дней прибавить
    #[arg(value_name = "N")]
    pub days: u32,
    /// Встроенный календарь, даже если есть база рабочего места
    #[arg(long)]
    pub builtin: bool,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// Файл xmlcalendar
    #[arg(value_name = "ФАЙЛ")]
    pub file: PathBuf,
}

#[derive(Debug, Subcommand)]
pub enum StaffCommand {
    /// Добавить сотрудника
    Add(StaffAddArgs),
    /// Список сотрудников
    List,
}

#[derive(Debug, Args)]
pub struct StaffAddArgs {
    /// Логин (3–32 символа: строчные латинские буквы, цифры, «.», «_», «-»)
    #[arg(value_name = "ЛОГИН")]
    pub login: String,
    /// ФИО сотрудника
    #[arg(long, value_name = "ФИО")]
    pub name: String,
    /// Роль: reception, manager, admin
    #[arg(long, value_name = "РОЛЬ")]
    pub role: String,
}

const HELP_TEMPLATE: &str = "\
{before-help}{about-with-newline}
Использование: {usage}

{all-args}{after-help}";

/// The clap command with Russian headings and help flags, on every subcommand.
pub fn command() -> clap::Command {
    let root = Cli::command()
        .disable_version_flag(true)
        .arg(
            clap::Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .help("Показать версию"),
        )
        .arg(
            clap::Arg::new("help")
                .short('h')
                .long("help")
                .global(true)
                .action(ArgAction::Help)
                .help("Показать справку"),
        );
    localize(root)
}

fn localize(command: clap::Command) -> clap::Command {
    command
        .help_template(HELP_TEMPLATE)
        .subcommand_help_heading("Команды")
        .subcommand_value_name("КОМАНДА")
        .disable_help_flag(true)
        .disable_help_subcommand(true)
        .mut_args(|arg| {
            let heading = if arg.is_positional() {
                "Аргументы"
            } else if arg.is_global_set() {
                "Общие параметры"
            } else {
                "Параметры"
            };
            arg.help_heading(heading)
        })
        .mut_subcommands(localize)
}

/// Parses `args` (program name first).
pub fn parse(args: &[OsString]) -> Result<Cli, clap::Error> {
    let matches = command().try_get_matches_from(args)?;
    Cli::from_arg_matches(&matches)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_command_definition_is_consistent() {
        command().debug_assert();
    }

    #[test]
    fn help_is_russian() {
        let help = command().render_help().to_string();
        assert!(help.contains("Использование:"), "{help}");
        assert!(help.contains("Команды"), "{help}");
        assert!(help.contains("Показать справку"), "{help}");
        assert!(!help.contains("Usage:"), "{help}");
    }

    #[test]
    fn subcommand_help_is_russian_too() {
        let mut cmd = command();
        cmd.build();
        let patient = cmd.find_subcommand_mut("patient").expect("patient");
        let add = patient.find_subcommand_mut("add").expect("add");
        let help = add.render_help().to_string();
        assert!(help.contains("Использование:"), "{help}");
        assert!(help.contains("--rep-authority-kind"), "{help}");
        assert!(help.contains("Показать справку"), "{help}");
        assert!(!help.contains("Options:"), "{help}");
    }
}
