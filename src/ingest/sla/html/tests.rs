use super::*;

fn lines(src: &str) -> Vec<(usize, String)> {
    html_lines(src).into_iter().map(|l| (l.line, l.text)).collect()
}

fn texts(src: &str) -> Vec<String> {
    html_lines(src).into_iter().map(|l| l.text).collect()
}

fn owned(v: &[(usize, &str)]) -> Vec<(usize, String)> {
    v.iter().map(|(n, t)| (*n, t.to_string())).collect()
}

#[test]
fn blocks_become_lines_numbered_where_they_start() {
    let src = "<html><head><title>Plans</title>\n<style>p { color: red }\n</style>\n<script>var x = '15 minutes';</script></head>\n<body>\n<h2>Enterprise &amp; Premium</h2>\n<p>We respond\n within 15&nbsp;minutes.</p>\n<ul><li>Phone</li>\n<li>Email</li></ul>\n<table>\n<tr><th>Priority</th><th>Response</th></tr>\n<tr>\n  <td>P1</td>\n  <td>15 min</td>\n</tr>\n</table>\n</body></html>";
    assert_eq!(
        lines(src),
        owned(&[
            (1, "Plans"),
            (6, "## Enterprise & Premium"),
            (6, ""),
            (7, "We respond within 15 minutes."),
            (9, "- Phone"),
            (10, "- Email"),
            (10, ""),
            (12, "| Priority | Response |"),
            (12, "| --- | --- |"),
            (13, "| P1 | 15 min |"),
            (13, ""),
        ])
    );
}

#[test]
fn definition_terms_label_their_definitions() {
    let src = "<dl>\n<div><dt>Critical</dt>\n<dd>Initial response within 4 hours</dd></div>\n<dt>Coverage</dt><dd>24/7</dd><dd><p>Phone and chat</p></dd>\n<dt>Orphan term</dt>\n</dl>\n<dd>stray definition</dd>";
    assert_eq!(
        lines(src),
        owned(&[
            (2, "Critical: Initial response within 4 hours"),
            (4, "Coverage: 24/7"),
            (4, "Coverage: Phone and chat"),
            (5, "Orphan term"),
            (7, "stray definition"),
        ])
    );
}

#[test]
fn spanned_cells_repeat_in_every_slot_they_cover() {
    let src = "<table>\n<thead><tr><th rowspan=\"2\">Priority</th><th colspan=\"2\">First response</th></tr>\n<tr><th>Pro</th><th>Enterprise</th></tr></thead>\n<tbody>\n<tr><td>P1</td><td colspan=2>15 min</td></tr>\n<tr><td rowspan=2>P2 / P3</td><td>4 h</td><td>1 h</td></tr>\n<tr><td>8 h</td><td>2 h</td></tr>\n<tr><td>P4</td><td>1 day</td></tr>\n</tbody></table>";
    assert_eq!(
        lines(src),
        owned(&[
            (2, "| Priority | First response Pro | First response Enterprise |"),
            (2, "| --- | --- | --- |"),
            (5, "| P1 | 15 min | 15 min |"),
            (6, "| P2 / P3 | 4 h | 1 h |"),
            (7, "| P2 / P3 | 8 h | 2 h |"),
            (8, "| P4 | 1 day |"),
            (8, ""),
        ])
    );
}

#[test]
fn a_rowspan_of_zero_or_too_many_rows_ends_with_its_row_group() {
    let src = "<table><tr><th>Level</th><th>Hours</th></tr>\n<tr><td>P1</td><td rowspan=0>24/7</td></tr>\n<tr><td>P2</td></tr>\n<tbody><tr><td>P3</td><td rowspan=9>Mon-Fri</td></tr><tr><td>P4</td></tr></tbody>\n<tbody><tr><td>P5</td></tr></tbody></table>";
    assert_eq!(
        texts(src),
        vec![
            "| Level | Hours |",
            "| --- | --- |",
            "| P1 | 24/7 |",
            "| P2 | 24/7 |",
            "| P3 | Mon-Fri |",
            "| P4 | Mon-Fri |",
            "| P5 |",
            "",
        ]
    );
}

#[test]
fn a_table_without_header_cells_has_no_separator_and_its_caption_comes_first() {
    let src = "<p>Response targets</p>\n<table>\n<caption>Table 2: Enterprise</caption>\n<tr><td>Severity</td><td>Response</td></tr>\n<tr><td>Sev 1<br>(outage)</td><td>15 min<sup>1</sup></td></tr></table>\n<p>Other text</p>";
    assert_eq!(
        lines(src),
        owned(&[
            (1, "Response targets"),
            (1, ""),
            (3, "Table 2: Enterprise"),
            (4, "| Severity | Response |"),
            (5, "| Sev 1 (outage) | 15 min |"),
            (5, ""),
            (6, "Other text"),
        ])
    );
}

#[test]
fn nested_tables_are_read_as_tables_of_their_own() {
    let src = "<table><tr><td><h2>Support</h2>\n<table><tr><th>Plan</th><th>Response</th></tr>\n<tr><td>Pro</td><td>1 hour</td></tr></table>\n</td><td><p>Contact us</p></td></tr></table>\n<table role=presentation><tr><td>Intro</td><td>Outro</td></tr></table>";
    assert_eq!(
        lines(src),
        owned(&[
            (1, "## Support"),
            (1, ""),
            (2, "| Plan | Response |"),
            (2, "| --- | --- |"),
            (3, "| Pro | 1 hour |"),
            (3, ""),
            (4, "Contact us"),
            (5, "Intro"),
            (5, "Outro"),
        ])
    );
}

#[test]
fn navigation_page_header_footer_and_banners_are_left_out() {
    let src = "<body class=\"cookie-consent-shown\">\n<div id=\"cookie-banner\"><p>We use cookies for 30 days</p></div>\n<header><a href=\"/chat\">24/7 chat</a></header>\n<div role=\"navigation\">Phone support</div>\n<nav><a>Live chat</a></nav>\n<aside>Call us 24/7</aside>\n<main>\n<article><header><h1>Gold plan</h1></header>\n<p>Urgent: 15 minutes.</p>\n<footer>Updated 2026</footer></article>\n<details><summary>FAQ</summary><p hidden>P1 in 5 minutes</p></details>\n<div class=\"ConsentDialog\">Accept</div>\n</main>\n<footer><p>Phone +1 555 0100, 24/7</p></footer>\n<div role=\"contentinfo\">Email</div>\n<noscript>Enable JS</noscript><template><p>15 min</p></template><svg><text>1 hour</text></svg>\n</body>";
    assert_eq!(
        lines(src),
        owned(&[
            (8, "# Gold plan"),
            (8, ""),
            (9, "Urgent: 15 minutes."),
            (10, "Updated 2026"),
            (11, "FAQ"),
            (11, "P1 in 5 minutes"),
        ])
    );
}

#[test]
fn broken_markup_is_mended_as_a_browser_mends_it() {
    // No <html>, <head> or <body>; unclosed <p>, <li>, <td>, <tr>; stray end tags.
    let src = "<title>Plans</title>\n<h2>Pro</div></h2>\n<p>First paragraph\n<p>Second </span>paragraph</div>\n<ul><li>One<li>Two</ul>\n<table><tr><th>P<th>Response\n<tr><td>P1<td>1 hour\n<tr><td>P2<td>4 hours\n</table>\n<p>After <b>bold <i>both</b> italic</i> &bogus; &amp &lt;x&gt; &#20013;&#x6587;";
    assert_eq!(
        lines(src),
        owned(&[
            (1, "Plans"),
            (2, "## Pro"),
            (2, ""),
            (3, "First paragraph"),
            (4, "Second paragraph"),
            (5, "- One"),
            (5, "- Two"),
            (5, ""),
            (6, "| P | Response |"),
            (6, "| --- | --- |"),
            (7, "| P1 | 1 hour |"),
            (8, "| P2 | 4 hours |"),
            (8, ""),
            (10, "After bold both italic &bogus; & <x> 中文"),
        ])
    );
}

#[test]
fn line_breaks_split_paragraphs_but_not_cells() {
    let src = "<p>Urgent: 15 minutes<br>\nHigh: 1 hour<br/><br>Low: 1 day</p>";
    assert_eq!(
        lines(src),
        owned(&[(1, "Urgent: 15 minutes"), (2, "High: 1 hour"), (2, "Low: 1 day")])
    );
}

#[test]
fn a_page_without_markup_keeps_each_line_and_its_number() {
    let src = "Support levels\r\n\r\n| Priority | Response |\r\n|---|---|\r\n| P1 | 15 min &amp; more |\r\nP2   4 hours\r\n";
    assert_eq!(
        lines(src),
        owned(&[
            (1, "Support levels"),
            (2, ""),
            (3, "| Priority | Response |"),
            (4, "|---|---|"),
            (5, "| P1 | 15 min & more |"),
            (6, "P2   4 hours"),
        ])
    );
    let pre = "<p>Intro</p>\n<pre>\nP1  15 min\n\nP2  1 h</pre>";
    assert_eq!(
        lines(pre),
        owned(&[(1, "Intro"), (3, "P1  15 min"), (4, ""), (5, "P2  1 h")])
    );
}

#[test]
fn carriage_returns_count_as_line_ends() {
    let src = "<h1>Plans</h1>\r\n<p>\r\nWithin\r\n 15 minutes</p>\r<ul>\r\n<li>Email</li></ul>";
    assert_eq!(
        lines(src),
        owned(&[(1, "# Plans"), (1, ""), (3, "Within 15 minutes"), (6, "- Email")])
    );
}

#[test]
fn hostile_pages_neither_panic_nor_blow_up() {
    assert!(lines("").is_empty());
    assert!(lines("<").len() <= 1);
    let got = lines("<p>unclosed <b>bold\n<td>cell</td> <!-- note -- > 15 min --> after <");
    assert!(!got.is_empty());
    // Deep nesting (html5ever's tree builder is quadratic in the depth; the walk is not
    // recursive).
    let deep = format!("{}deep{}", "<div>".repeat(3_000), "</div>".repeat(3_000));
    assert_eq!(texts(&deep), vec!["deep"]);
    let deep_lists = format!("{}item", "<ul><li>".repeat(1_000));
    assert_eq!(texts(&deep_lists), vec!["- item"]);
    // Huge spans: bounded by the rows of the table, the widest grid and a budget for
    // repeated text.
    let spans = format!(
        "<table><tr><td rowspan=65534 colspan=100000>{}</td></tr>{}</table>",
        "x".repeat(1000),
        "<tr><td>a</td></tr>".repeat(2000)
    );
    let got = html_lines(&spans);
    let total: usize = got.iter().map(|l| l.text.len()).sum();
    assert!(total <= 5 * spans.len() + (1 << 16) + 2001 * 4 * 200, "{total}");
    assert_eq!(
        texts("<table><tr><td rowspan=3 colspan=2>a</td><td>b</td></tr><tr><td>c</td></tr></table>"),
        vec!["| a | a | b |", "| a | a | c |", ""]
    );
}
