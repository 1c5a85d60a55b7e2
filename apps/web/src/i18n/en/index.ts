// The English catalogue, a chunk of its own: loaded when English is chosen (apps/web/src/i18n/index.ts).
import type { Catalogue } from '../namespaces';
import common from './common.json';
import tasks from './tasks.json';
import cycles from './cycles.json';
import directory from './directory.json';
import notifications from './notifications.json';
import calendar from './calendar.json';

export const en: Catalogue = { common, tasks, cycles, directory, notifications, calendar };
