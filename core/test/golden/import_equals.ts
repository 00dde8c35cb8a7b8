namespace Geometry {
  export const unit = 1;
  export function double(n: number) { return n * 2 * hidden; }
  const hidden = 3;
}
import fs = require("node:fs");
import unit = Geometry.unit;

declare const BUILD: string;
abstract class Shape { abstract area(): number; describe(this: Shape): string { return `${this.area()}`; } }
class Square extends Shape { constructor(readonly side: number) { super(); } area() { return this.side ** 2; } }

export const run = () => spawn(() => fs.existsSync(BUILD) ? Geometry.double(unit) : 0);
