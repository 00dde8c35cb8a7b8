export enum Level { Low = 1, Mid, High = Low * 4, Name = "level" }
const enum Flag { A = 1 << 0, B = 1 << 1 }

class Point {
  constructor(public readonly x: number, private y = 0) {
  }
  sum() { return this.x + this.y; }
}
class Point3 extends Point {
  constructor(x: number, readonly z: number) {
    super(x);
  }
}

export const score = (p: Point3) => spawn(() => p.sum() * Level.High + Flag.B + new Point3(1, 2).z);
