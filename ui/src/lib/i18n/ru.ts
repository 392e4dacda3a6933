// The Russian catalogue: the primary language. Every key here must exist in `en.ts` (the type checks it)
// and every value must be Russian (a unit test checks it).
export const ru = {
  "app.windowTitle": "Согласия на обработку ПДн — Consent Desk",
  "app.name": "Consent Desk",
  "app.tagline": "Согласия на обработку персональных данных",
  "app.loading": "Загрузка…",

  "nav.label": "Разделы",
  "nav.reception": "Приём",
  "nav.withdrawals": "Отзывы согласий",
  "nav.settings": "Настройки",
  "nav.shortcutHint": "Alt+{n}",

  "reception.title": "Приём пациентов",
  "reception.lead": "Поиск и регистрация пациентов, согласия на обработку персональных данных и печать форм.",
  "reception.empty": "Реестр пациентов пуст: база данных этого рабочего места ещё не создана.",

  "withdrawals.title": "Очередь отзывов согласий",
  "withdrawals.lead": "Отзывы согласий и другие запросы субъектов со сроками в рабочих днях по производственному календарю.",
  "withdrawals.empty": "Необработанных отзывов нет.",

  "settings.title": "Настройки",
  "settings.language": "Язык интерфейса",
  "settings.language.ru": "Русский",
  "settings.language.en": "Английский (English)",
  "settings.about": "О программе",
  "settings.version": "Версия",
  "settings.build": "Сборка",
  "settings.build.debug": "отладочная",
  "settings.build.release": "выпуск",
  "settings.dataDir": "Каталог данных",
  "settings.database": "База данных",
  "settings.database.notCreated": "ещё не создана ({path})",
  "settings.database.present": "{path}, {size}",
  "settings.problems": "Обнаруженные проблемы",

  "status.sync": "Синхронизация",
  "status.sync.notConfigured": "сервер клиники не подключён",
  "status.database": "База",
  "status.database.notCreated": "не создана",
  "status.database.present": "создана",
  "status.version": "версия {version}",

  "shortcuts.label": "Клавиши",
  "shortcuts.help": "Alt+1…3 — разделы, Alt+L — язык",

  "error.title": "Ошибка",
  "error.unexpected": "Непредвиденная ошибка: {detail}",
  "error.dismiss": "Закрыть",

  "size.bytes": "{n} байт",
  "size.kib": "{n} КБ",
  "size.mib": "{n} МБ",
} as const;

export type MessageKey = keyof typeof ru;
