// The Vietnamese catalogue, in the first page's code: the web app's default language.
import type { Catalogue } from '../namespaces';
import common from './common.json';
import tasks from './tasks.json';
import cycles from './cycles.json';
import directory from './directory.json';
import notifications from './notifications.json';
import calendar from './calendar.json';

export const vi: Catalogue = { common, tasks, cycles, directory, notifications, calendar };
