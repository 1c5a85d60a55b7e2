// Every namespace of the UI, in Vietnamese (the default) and English. A namespace is one JSON file
// per language; catalogues.spec.ts checks that both languages have exactly the same keys.
import viCommon from './vi/common.json';
import enCommon from './en/common.json';
import viTasks from './vi/tasks.json';
import enTasks from './en/tasks.json';
import viCycles from './vi/cycles.json';
import enCycles from './en/cycles.json';
import viDirectory from './vi/directory.json';
import enDirectory from './en/directory.json';
import viNotifications from './vi/notifications.json';
import enNotifications from './en/notifications.json';
import viCalendar from './vi/calendar.json';
import enCalendar from './en/calendar.json';

export type Language = 'vi' | 'en';
export const NAMESPACES = ['common', 'tasks', 'cycles', 'directory', 'notifications', 'calendar'] as const;
export type Namespace = (typeof NAMESPACES)[number];

export const catalogues: Record<Language, Record<Namespace, Record<string, unknown>>> = {
  vi: {
    common: viCommon,
    tasks: viTasks,
    cycles: viCycles,
    directory: viDirectory,
    notifications: viNotifications,
    calendar: viCalendar,
  },
  en: {
    common: enCommon,
    tasks: enTasks,
    cycles: enCycles,
    directory: enDirectory,
    notifications: enNotifications,
    calendar: enCalendar,
  },
};
