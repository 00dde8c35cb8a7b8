// JSX (in `.jsx` and `.tsx`): element names that start with a capital letter or contain a dot are
// references (their first identifier); lowercase intrinsic names and namespaced names `a:b` are
// not; attribute names and text are not; expression containers, spread attributes and spread
// children are.
#include <gtest/gtest.h>

#include <string>
#include <string_view>

#include "free_variables.h"

namespace xthreads::test {
namespace {

constexpr Dialect JSX = Dialect::JSX;
constexpr Dialect TSX = Dialect::TSX;

const FreeVariableCase kJsx[] = {
    // --- element names ---
    {"intrinsic_element_is_not_a_reference", JSX, "spawn(() => <div />);", ""},
    // `<div>` is the string "div" even when a binding named `div` is in scope.
    {"intrinsic_element_not_a_reference_even_if_bound", JSX,
     "const div = 1;\nspawn(() => <div></div>);", ""},
    {"hyphenated_element_is_intrinsic", JSX, "spawn(() => <my-el />);", ""},
    {"capitalized_element_is_a_reference", JSX, "spawn(() => <Foo />);", "Foo:global"},
    {"closing_tag_refers_to_the_same_binding", JSX,
     "import Foo from \"./Foo\";\nspawn(() => <Foo></Foo>);", "Foo:import"},
    {"member_element_refers_to_first_identifier", JSX, "spawn(() => <a.b />);", "a:global"},
    {"deep_member_element", JSX, "spawn(() => <Ui.Form.Field></Ui.Form.Field>);", "Ui:global"},
    {"lowercase_member_element_is_a_reference", JSX, "spawn(() => <motion.div />);",
     "motion:global"},
    {"this_member_element", JSX, "class K {\n  render() { return spawn(() => <this.Item />); }\n}",
     "@this"},
    {"namespaced_element_is_not_a_reference", JSX, "spawn(() => <svg:rect />);", ""},
    {"element_bound_in_closure", JSX,
     "spawn(() => {\n  const Item = () => null;\n  return <Item />;\n});", ""},
    {"element_bound_outside_as_const_arrow", JSX,
     "const Item = () => null;\nspawn(() => <Item />);", "Item:const(arrow)"},

    // --- attributes ---
    {"attribute_expression", JSX, "spawn(() => <div title={t} />);", "t:global"},
    {"attribute_names_are_not_references", JSX,
     "const title = 1;\nspawn(() => <div title=\"x\" onClick={h} />);", "h:global"},
    {"attribute_string_is_not_an_expression", JSX, "spawn(() => <div title=\"{x}\" alt='{y}' />);",
     ""},
    {"spread_attribute", JSX, "spawn(() => <div {...props} />);", "props:global"},
    {"namespaced_attribute_name", JSX, "spawn(() => <use xlink:href={url} />);", "url:global"},
    {"hyphenated_attribute_names", JSX, "spawn(() => <div data-x={v} aria-label=\"a\" />);",
     "v:global"},
    {"boolean_attribute", JSX, "spawn(() => <input disabled />);", ""},
    {"attribute_arrow_function", JSX, "spawn(() => <button onClick={() => go(id)}>Go</button>);",
     "go:global id:global"},
    {"template_literal_in_attribute", JSX, "spawn(() => <div className={`a ${b}`} />);",
     "b:global"},
    {"element_as_attribute_value", JSX, "spawn(() => <Slot fallback=<Spinner /> />);",
     "Slot:global Spinner:global"},

    // --- children ---
    {"expression_child", JSX, "spawn(() => <div>{x}</div>);", "x:global"},
    {"spread_children", JSX, "spawn(() => <div>{...items}</div>);", "items:global"},
    {"text_is_not_a_reference", JSX, "const hello = 1;\nspawn(() => <p>hello world</p>);", ""},
    {"text_with_quotes_and_slashes", JSX, "spawn(() => <p>don't / won't \"stop\" {x}</p>);",
     "x:global"},
    {"text_that_looks_like_a_comment", JSX, "spawn(() => <p>// not a comment {x}</p>);",
     "x:global"},
    // JSX text has no `${`: the `$` is text and `{y}` is an expression container.
    {"dollar_before_expression_child", JSX, "spawn(() => <p>${y}</p>);", "y:global"},
    {"entities_in_text", JSX, "spawn(() => <p>&amp; &lt; &#123;</p>);", ""},
    {"comment_child", JSX, "spawn(() => <div>{/* x */}</div>);", ""},
    {"fragment", JSX, "spawn(() => <><A /><b /></>);", "A:global"},
    {"nested_elements", JSX, "spawn(() => <A><B x={y} /></A>);", "A:global B:global y:global"},
    {"conditional_rendering", JSX, "spawn(() => <div>{cond && <Item />}</div>);",
     "Item:global cond:global"},
    {"regex_in_expression_child", JSX, "spawn(() => <div>{/</.test(s)}</div>);", "s:global"},
    {"multiline_jsx_with_map", JSX,
     R"js(spawn(() => (
  <ul>
    {items.map((it) => <li key={it.id}>{it.name}</li>)}
  </ul>
));)js",
     "items:global"},
    {"less_than_comparison_in_jsx_dialect", JSX, "spawn(() => a < b);", "a:global b:global"},

    // --- TSX ---
    {"tsx_generic_arrow_with_comma", TSX, "spawn(<T,>(x: T) => <div>{x}</div>);", ""},
    {"tsx_generic_arrow_with_extends", TSX, "spawn(<T extends unknown>(x: T) => x);", ""},
    {"tsx_element_type_arguments", TSX, "spawn(() => <Select<Option> value={v} />);",
     "Select:global v:global"},
    {"tsx_as_expression_in_child", TSX, "spawn(() => <div>{x as any}</div>);", "x:global"},
    {"tsx_typed_parameter_and_spread", TSX, "spawn((p: Props) => <Card {...p} />);", "Card:global"},
    {"tsx_non_null_in_attribute", TSX, "spawn(() => <div ref={ref!} />);", "ref:global"},
    {"tsx_typed_handler_in_attribute", TSX,
     "spawn(() => <input onChange={(e: Event) => set(e)} />);", "set:global"},
    {"tsx_intrinsic_not_a_reference", TSX, "const span = 1;\nspawn(() => <span />);", ""},

    {"url_in_attribute_string_is_not_a_comment", JSX, "spawn(() => <a href=\"http://x\" />);", ""},
    {"url_in_text_is_not_a_comment", JSX, "spawn(() => <p>http://x {y}</p>);", "y:global"},
    {"apostrophe_in_attribute_string", JSX, "spawn(() => <a title=\"don't\" b={c} />);",
     "c:global"},
    {"member_element_with_lowercase_property", JSX, "spawn(() => <Foo.bar />);", "Foo:global"},
    {"namespaced_element_with_capitalized_name", JSX, "spawn(() => <a:B />);", ""},
    {"multiline_element_with_mixed_attributes", JSX,
     "spawn(() => <A\n  b=\"c\"\n  {...d}\n  e={<F />}\n>{g}{/* h */}</A>);",
     "A:global F:global d:global g:global"},
    {"tsx_generic_arrow_with_object_constraint", TSX, "spawn(<T extends {}>(x: T) => x);", ""},

    {"tsx_as_in_parenthesized_child", TSX, "spawn(() => <div>{(x as any).y}</div>);", "x:global"},
    {"tsx_element_type_arguments_with_closing_tag", TSX, "spawn(() => <Foo<Bar>></Foo>);",
     "Foo:global"},
    {"tsx_generic_arrow_then_element", TSX,
     "spawn(() => { const f = <T,>(a: T) => a; return <F f={f} />; });", "F:global"},
};

class Jsx : public ::testing::TestWithParam<FreeVariableCase> {};
TEST_P(Jsx, FreeVariables) {
  expect_case(GetParam());
}
INSTANTIATE_TEST_SUITE_P(Cases, Jsx, ::testing::ValuesIn(kJsx), CaseName());

}  // namespace
}  // namespace xthreads::test
