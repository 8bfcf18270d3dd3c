/**
 * Draws the mini-program's tab-bar icons (81×81 PNG, grey and brand red) into
 * miniapp/src/assets/tab. WeChat's tabBar needs PNG files; run again after changing a shape.
 */
import { writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';

const SIZE = 81;
type Shape = (x: number, y: number) => boolean;

const inRect = (x: number, y: number, x0: number, y0: number, x1: number, y1: number) => x >= x0 && x <= x1 && y >= y0 && y <= y1;
const inCircle = (x: number, y: number, cx: number, cy: number, r: number) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
const ring = (x: number, y: number, cx: number, cy: number, r: number, w: number) => inCircle(x, y, cx, cy, r) && !inCircle(x, y, cx, cy, r - w);

const SHAPES: Record<string, Shape> = {
  // A house: roof triangle and a body with a door.
  home: (x, y) => (y >= 10 && y <= 38 && Math.abs(x - 40) <= (y - 10) * 1.25) || (inRect(x, y, 18, 38, 62, 70) && !inRect(x, y, 34, 50, 46, 70)),
  // A calendar with a tick.
  checkin: (x, y) =>
    (inRect(x, y, 14, 16, 66, 70) && !inRect(x, y, 19, 30, 61, 65)) ||
    inRect(x, y, 24, 8, 29, 20) ||
    inRect(x, y, 51, 8, 56, 20) ||
    (x >= 28 && x <= 38 && Math.abs(y - (44 + (x - 28))) <= 3) ||
    (x >= 38 && x <= 54 && Math.abs(y - (54 - (x - 38) * 1.1)) <= 3),
  // A shopping bag with a handle.
  mall: (x, y) => (inRect(x, y, 14, 28, 66, 72) && !inRect(x, y, 19, 33, 61, 67)) || (ring(x, y, 40, 28, 14, 5) && y <= 28),
  // A person: head and shoulders.
  me: (x, y) => ring(x, y, 40, 26, 15, 5) || (ring(x, y, 40, 78, 30, 5) && y <= 72),
};

function draw(shape: Shape, [r, g, b]: [number, number, number]): Buffer {
  const png = new PNG({ width: SIZE, height: SIZE });
  for (let y = 0; y < SIZE; y++) {
    for (let x = 0; x < SIZE; x++) {
      const i = (y * SIZE + x) * 4;
      const on = shape(x, y);
      png.data[i] = r;
      png.data[i + 1] = g;
      png.data[i + 2] = b;
      png.data[i + 3] = on ? 255 : 0;
    }
  }
  return PNG.sync.write(png);
}

const dir = join(__dirname, '..', 'miniapp', 'src', 'assets', 'tab');
mkdirSync(dir, { recursive: true });
for (const [name, shape] of Object.entries(SHAPES)) {
  writeFileSync(join(dir, `${name}.png`), draw(shape, [138, 138, 138]));
  writeFileSync(join(dir, `${name}-active.png`), draw(shape, [228, 57, 60]));
}
console.log(`wrote ${Object.keys(SHAPES).length * 2} icons to ${dir}`);
