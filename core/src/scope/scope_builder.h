// Builds the scope tables while the parser walks the source, and resolves references once the
// whole file is known (declarations hoist, so a reference can precede its binding).
//
// Everything is appended to flat tables; the parser's speculation (is this `(` an arrow
// function's parameter list?) rolls back by truncating them to a mark.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>
#include <vector>

#include "xthreads/analysis.h"

namespace xthreads {

class ScopeBuilder {
 public:
  // The size of every table, and of the scope stack: what a rollback truncates to.
  struct Mark {
    std::array<std::uint32_t, 16> tables;  // one per table of for_each_table (checked by mark())
    std::uint32_t stack;
  };

  explicit ScopeBuilder(Analysis& out);

  Id push(ScopeKind kind, std::uint32_t begin, Id function = kNone);
  void pop(std::uint32_t end);
  Id current() const { return stack_.back(); }

  // Declares in the current scope, or for `var` (and sloppy-free hoisting) in the nearest
  // function body, static block, namespace or module scope.
  Id declare(std::string_view name, BindingKind kind, Range name_range, Range declaration);
  Id declare_in(Id scope, std::string_view name, BindingKind kind, Range name_range,
                Range declaration);
  Id reference(std::string_view name, Range range, std::uint8_t flags = kRead);
  void special(SpecialKind kind, Range range);
  void dynamic(DynamicScopeKind kind, Range range, Id call = kNone);
  Id add_function(const Function& function);
  void erase(Range range);

  // The scope that gives `this` its meaning here: the nearest non-arrow function, class field
  // initializer, static block, or the module.
  Id this_owner() const;

  Mark mark() const;
  void rollback(const Mark& mark);  // forget everything recorded since the mark

  // After parsing: bind every reference, attribute `arguments`, sort erased ranges.
  void finish();

 private:
  Id var_scope() const;
  bool is_arrow_scope(Id scope) const;

  Analysis& out_;
  std::vector<Id> stack_;
};

}  // namespace xthreads
