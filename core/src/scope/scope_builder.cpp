#include "scope/scope_builder.h"

#include <algorithm>
#include <cstdlib>
#include <span>

namespace xthreads {
namespace {

bool is_lexical(BindingKind k) {
  return k == BindingKind::Let || k == BindingKind::Const || k == BindingKind::Using ||
         k == BindingKind::Class || k == BindingKind::Import || k == BindingKind::ImportEquals;
}

// TypeScript merges a namespace with a declaration of the same name (a namespace holding only
// types may even share a `const`'s name), and an enum with an enum.
bool merges(BindingKind a, BindingKind b) {
  if (a == BindingKind::Namespace || b == BindingKind::Namespace) return true;
  return a == BindingKind::Enum && b == BindingKind::Enum;
}

bool conflicts(BindingKind a, BindingKind b) {
  return (is_lexical(a) || is_lexical(b)) && !merges(a, b);
}

std::uint64_t hash_name(std::string_view name) {
  std::uint64_t h = 1469598103934665603ull;
  for (unsigned char c : name) h = (h ^ c) * 1099511628211ull;
  return h;
}

std::uint64_t hash_slot(std::uint64_t name_hash, Id scope) {
  std::uint64_t h = name_hash ^ (static_cast<std::uint64_t>(scope) * 0x9E3779B97F4A7C15ull);
  h ^= h >> 29;
  return h;
}

// (scope, name) → first binding of that name declared in that scope. Open addressing.
class BindingTable {
 public:
  // The first conflicting redeclaration met while building (kNone when there is none).
  Id redeclaration = kNone;

  explicit BindingTable(const std::vector<Binding>& bindings) : bindings_(bindings) {
    std::size_t capacity = 16;
    while (capacity < bindings.size() * 2) capacity *= 2;
    slots_.assign(capacity, kNone);
    mask_ = capacity - 1;
    for (Id b = 0; b < bindings.size(); ++b) {
      std::size_t i = hash_slot(hash_name(bindings[b].name), bindings[b].scope) & mask_;
      while (true) {
        const Id occupant = slots_[i];
        if (occupant == kNone) {
          slots_[i] = b;
          break;
        }
        if (bindings[occupant].scope == bindings[b].scope &&
            bindings[occupant].name == bindings[b].name) {
          // A redeclaration: the first declaration stands for the name.
          if (redeclaration == kNone && conflicts(bindings[occupant].kind, bindings[b].kind)) {
            redeclaration = b;
          }
          break;
        }
        i = (i + 1) & mask_;
      }
    }
  }

  Id find(std::uint64_t name_hash, std::string_view name, Id scope) const {
    std::size_t i = hash_slot(name_hash, scope) & mask_;
    while (true) {
      const Id occupant = slots_[i];
      if (occupant == kNone) return kNone;
      if (bindings_[occupant].scope == scope && bindings_[occupant].name == name) return occupant;
      i = (i + 1) & mask_;
    }
  }

 private:
  const std::vector<Binding>& bindings_;
  std::vector<Id> slots_;
  std::size_t mask_ = 0;
};

// Names with this many declaring scopes or fewer are resolved by scanning their declarations;
// names declared in many scopes (a parameter called `node` in every function) walk the chain.
constexpr std::size_t kLinearCandidates = 16;

// name → the bindings that declare it, first per scope. Built once after parsing.
class NameIndex {
 public:
  NameIndex(const std::vector<Binding>& bindings, const BindingTable& table) : bindings_(bindings) {
    std::size_t capacity = 16;
    while (capacity < bindings.size() * 2) capacity *= 2;
    slots_.assign(capacity, kNone);
    mask_ = capacity - 1;
    std::vector<Id> name_of(bindings.size(), kNone);
    std::vector<Id> first_binding;  // per name id: a binding carrying the name
    for (Id b = 0; b < bindings.size(); ++b) {
      const std::uint64_t h = hash_name(bindings[b].name);
      if (table.find(h, bindings[b].name, bindings[b].scope) != b) continue;  // a redeclaration
      std::size_t i = h & mask_;
      while (slots_[i] != kNone && bindings[first_binding[slots_[i]]].name != bindings[b].name) {
        i = (i + 1) & mask_;
      }
      if (slots_[i] == kNone) {
        slots_[i] = static_cast<Id>(first_binding.size());
        first_binding.push_back(b);
      }
      name_of[b] = slots_[i];
    }
    first_binding_ = std::move(first_binding);
    offsets_.assign(first_binding_.size() + 1, 0);
    for (const Id n : name_of) {
      if (n != kNone) ++offsets_[n + 1];
    }
    for (std::size_t n = 0; n < first_binding_.size(); ++n) offsets_[n + 1] += offsets_[n];
    grouped_.resize(offsets_.back());
    std::vector<Id> fill(offsets_.begin(), offsets_.end() - 1);
    for (Id b = 0; b < bindings.size(); ++b) {
      if (name_of[b] != kNone) grouped_[fill[name_of[b]]++] = b;
    }
  }

  std::span<const Id> bindings_of(std::uint64_t name_hash, std::string_view name) const {
    std::size_t i = name_hash & mask_;
    while (slots_[i] != kNone) {
      const Id n = slots_[i];
      if (bindings_[first_binding_[n]].name == name) {
        return {grouped_.data() + offsets_[n], grouped_.data() + offsets_[n + 1]};
      }
      i = (i + 1) & mask_;
    }
    return {};
  }

 private:
  const std::vector<Binding>& bindings_;
  std::vector<Id> slots_;  // open addressing: name id or kNone
  std::size_t mask_ = 0;
  std::vector<Id> first_binding_;  // per name id
  std::vector<Id> offsets_;        // per name id: its slice of grouped_
  std::vector<Id> grouped_;        // bindings, grouped by name
};

}  // namespace

ScopeBuilder::ScopeBuilder(Analysis& out) : out_(out) {}

Id ScopeBuilder::push(ScopeKind kind, std::uint32_t begin, Id function) {
  const Id id = static_cast<Id>(out_.scopes.size());
  out_.scopes.push_back({kind, stack_.empty() ? kNone : stack_.back(), {begin, begin}, function});
  stack_.push_back(id);
  return id;
}

void ScopeBuilder::pop(std::uint32_t end) {
  out_.scopes[stack_.back()].range.end = end;
  stack_.pop_back();
}

Id ScopeBuilder::var_scope() const {
  for (auto it = stack_.rbegin(); it != stack_.rend(); ++it) {
    const ScopeKind k = out_.scopes[*it].kind;
    if (k == ScopeKind::FunctionBody || k == ScopeKind::Module || k == ScopeKind::StaticBlock ||
        k == ScopeKind::Namespace) {
      return *it;
    }
    // A concise arrow body has no body scope: its `var`s cannot exist, but a parameter
    // default's function could not declare here either. Fall back to the function scope.
    if (k == ScopeKind::Function) return *it;
  }
  return 0;
}

bool ScopeBuilder::is_arrow_scope(Id scope) const {
  const Scope& s = out_.scopes[scope];
  return s.function != kNone && out_.functions[s.function].kind == FunctionKind::Arrow;
}

Id ScopeBuilder::this_owner() const {
  for (auto it = stack_.rbegin(); it != stack_.rend(); ++it) {
    const ScopeKind k = out_.scopes[*it].kind;
    if ((k == ScopeKind::Function && !is_arrow_scope(*it)) || k == ScopeKind::FieldInitializer ||
        k == ScopeKind::StaticBlock || k == ScopeKind::Module) {
      return *it;
    }
  }
  return 0;
}

Id ScopeBuilder::declare(std::string_view name, BindingKind kind, Range name_range,
                         Range declaration) {
  const Id scope = kind == BindingKind::Var ? var_scope() : current();
  return declare_in(scope, name, kind, name_range, declaration);
}

Id ScopeBuilder::declare_in(Id scope, std::string_view name, BindingKind kind, Range name_range,
                            Range declaration) {
  const Id id = static_cast<Id>(out_.bindings.size());
  Binding b;
  b.name = name;
  b.kind = kind;
  b.scope = scope;
  b.name_range = name_range;
  b.declaration = declaration;
  b.statement = declaration;
  out_.bindings.push_back(b);
  return id;
}

Id ScopeBuilder::reference(std::string_view name, Range range, std::uint8_t flags) {
  const Id id = static_cast<Id>(out_.references.size());
  Reference r;
  r.name = name;
  r.range = range;
  r.scope = current();
  r.flags = flags;
  out_.references.push_back(r);
  return id;
}

void ScopeBuilder::special(SpecialKind kind, Range range) {
  out_.special_uses.push_back({kind, range, current(), this_owner()});
}

void ScopeBuilder::dynamic(DynamicScopeKind kind, Range range, Id call) {
  out_.dynamic_scopes.push_back({kind, range, current(), call});
}

Id ScopeBuilder::add_function(const Function& function) {
  out_.functions.push_back(function);
  return static_cast<Id>(out_.functions.size() - 1);
}

void ScopeBuilder::erase(Range range) {
  if (range.end > range.begin) out_.erased.push_back(range);
}

namespace {

// Every table the parser appends to, in one list: marks and rollbacks cannot miss one.
// Keep ScopeBuilder::Mark::tables as long as this list.
template <class Tables, class Visit>
void for_each_table(Tables& a, Visit visit) {
  visit(a.scopes);
  visit(a.bindings);
  visit(a.references);
  visit(a.functions);
  visit(a.special_uses);
  visit(a.dynamic_scopes);
  visit(a.calls);
  visit(a.erased);
  visit(a.runtime_ts);
  visit(a.imports);
  visit(a.import_meta);
  visit(a.dynamic_imports);
  visit(a.moved_parens);
  visit(a.field_semicolons);
  visit(a.legacy_octals);
  visit(a.jsx_elements);
}

}  // namespace

ScopeBuilder::Mark ScopeBuilder::mark() const {
  Mark m{};
  std::size_t i = 0;
  for_each_table(out_, [&](const auto& table) {
    if (i < m.tables.size()) m.tables[i] = static_cast<std::uint32_t>(table.size());
    ++i;
  });
  // A table added to the list without growing Mark::tables once overwrote the stack depth,
  // which a rollback then used as a table's size.
  if (i != m.tables.size()) std::abort();
  m.stack = static_cast<std::uint32_t>(stack_.size());
  return m;
}

void ScopeBuilder::rollback(const Mark& m) {
  std::size_t i = 0;
  for_each_table(out_, [&](auto& table) { table.resize(m.tables[i++]); });
  stack_.resize(m.stack);
}

void ScopeBuilder::finish() {
  const BindingTable table(out_.bindings);
  if (out_.ok()) {
    Id clash = table.redeclaration;
    // `function f(x) { let x }`: the body's lexical names may not repeat a parameter.
    for (Id b = 0; b < out_.bindings.size() && clash == kNone; ++b) {
      const Binding& binding = out_.bindings[b];
      if (!is_lexical(binding.kind) || out_.scopes[binding.scope].kind != ScopeKind::FunctionBody)
        continue;
      const Id params = out_.scopes[binding.scope].parent;
      if (params != kNone && table.find(hash_name(binding.name), binding.name, params) != kNone)
        clash = b;
    }
    if (clash != kNone) {
      // Built by appending: GCC 12 warns falsely (-Wrestrict) on `"'" + std::string(...)`.
      std::string message = "'";
      message += out_.bindings[clash].name;
      message += "' is declared twice in the same scope";
      out_.diagnostics.push_back({std::move(message), out_.bindings[clash].name_range.begin});
    }
  }
  // Scope ids are handed out in pre-order, so scope `s` encloses scope `r` exactly when
  // s <= r <= last_descendant[s]: an ancestor test without walking the chain.
  const Id scope_count = static_cast<Id>(out_.scopes.size());
  std::vector<Id> last_descendant(scope_count);
  for (Id s = 0; s < scope_count; ++s) last_descendant[s] = s;
  for (Id s = scope_count; s-- > 0;) {
    const Id parent = out_.scopes[s].parent;
    if (parent != kNone)
      last_descendant[parent] = std::max(last_descendant[parent], last_descendant[s]);
  }
  // Every declared name with the bindings that declare it (the first one per scope), grouped.
  const NameIndex names(out_.bindings, table);

  std::vector<SpecialUse> arguments_uses;
  for (Reference& ref : out_.references) {
    const std::uint64_t h = hash_name(ref.name);
    const bool is_arguments = ref.name == "arguments";
    const std::span<const Id> candidates = names.bindings_of(h, ref.name);
    if (!is_arguments && candidates.size() <= kLinearCandidates) {
      // The innermost declaring scope that encloses the reference: the largest enclosing id.
      Id best = kNone;
      Id best_scope = 0;
      for (const Id b : candidates) {
        const Id s = out_.bindings[b].scope;
        if (s <= ref.scope && ref.scope <= last_descendant[s] &&
            (best == kNone || s > best_scope)) {
          best = b;
          best_scope = s;
        }
      }
      ref.binding = best;
      continue;
    }
    for (Id s = ref.scope; s != kNone; s = out_.scopes[s].parent) {
      const Id b = table.find(h, ref.name, s);
      if (b != kNone) {
        ref.binding = b;
        break;
      }
      if (is_arguments && out_.scopes[s].kind == ScopeKind::Function && !is_arrow_scope(s)) {
        // The implicit `arguments` object of the nearest non-arrow function.
        ref.flags |= kImplicitArguments;
        arguments_uses.push_back({SpecialKind::Arguments, ref.range, ref.scope, s});
        break;
      }
    }
  }
  out_.special_uses.insert(out_.special_uses.end(), arguments_uses.begin(), arguments_uses.end());
  std::sort(out_.special_uses.begin(), out_.special_uses.end(),
            [](const SpecialUse& a, const SpecialUse& b) { return a.range.begin < b.range.begin; });

  std::sort(out_.erased.begin(), out_.erased.end(), [](Range a, Range b) {
    return a.begin < b.begin || (a.begin == b.begin && a.end > b.end);
  });
  std::vector<Range> merged;
  for (Range r : out_.erased) {
    if (!merged.empty() && r.begin <= merged.back().end) {
      merged.back().end = std::max(merged.back().end, r.end);
    } else {
      merged.push_back(r);
    }
  }
  out_.erased = std::move(merged);
}

}  // namespace xthreads
