                                                                   var Level; (function (Level) { Level[Level["Low"] = (1)] = "Low"; Level[Level["Mid"] = Level["Low"] + 1] = "Mid"; Level[Level["High"] = (Level["Low"] * 4)] = "High"; Level["Name"] = ("level"); })(Level || (Level = {}));
                                           var Flag; (function (Flag) { Flag[Flag["A"] = (1 << 0)] = "A"; Flag[Flag["B"] = (1 << 1)] = "B"; })(Flag || (Flag = {}));

class Point {
  constructor(                x        ,         y = 0) {; this.x = x;; this.y = y;
  }
  sum() { return this.x + this.y; }
}
class Point3 extends Point {
  constructor(x        ,          z        ) {
    super(x);; this.z = z;
  }
}

                                 __xt_fn=(() => p.sum() * Level.High + Flag.B + new Point3(1, 2).z);

;function __xt_url() { return ""; }
var __xt_fn, p;
export function __xt_run() { ({ p } = arguments[0]); return __xt_fn(arguments[1]); }
export const __xt_globals = [];
