// The file check's own work without exaplug: N fs.promises.access calls a second, staggered.
// exaplug's `file` rows minus this is the framework's overhead.
import { access } from 'node:fs/promises';

const [path, countText, intervalText] = process.argv.slice(2);
const count = Number(countText);
const interval = Number(intervalText);
for (let i = 0; i < count; i++) {
  setTimeout(() => setInterval(() => void access(path).then(() => true, () => false), interval), (i * interval) / count);
}
