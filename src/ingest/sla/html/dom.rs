//! The page parsed by html5ever (the WHATWG tree builder: unclosed `<p>`, `<td>`, `<tr>`,
//! stray end tags, a missing `<html>` or `<body>` are mended as a browser mends them) into an
//! arena of nodes, each element with the source line its start tag is on and each piece of
//! text with the line it starts on.
//!
//! The tokenizer reports the line it has reached when it hands over a token: the line of a
//! start tag's `>`, and for text the line of its last character. A piece of text therefore
//! starts that many lines earlier than it has line breaks.

use html5ever::tendril::{StrTendril, TendrilSink};
use html5ever::tree_builder::{ElementFlags, NodeOrText, QuirksMode, TreeSink};
use html5ever::{local_name, ns, parse_document, Attribute, LocalName, QualName};
use std::borrow::Cow;
use std::cell::{Cell, RefCell};

/// The index of the document node.
pub(super) const DOCUMENT: usize = 0;

pub(super) struct Node {
    pub parent: Option<usize>,
    pub children: Vec<usize>,
    /// The line the node starts on (for an element, the line of its start tag).
    pub line: usize,
    pub data: Data,
}

pub(super) enum Data {
    Document,
    Element {
        name: LocalName,
        attrs: Vec<Attribute>,
    },
    /// Text as the pieces the tokenizer gave, each with the line it starts on.
    Text(Vec<(usize, StrTendril)>),
    /// Comments, processing instructions, a template's contents: never read.
    Other,
}

/// The parsed page.
pub(super) struct Dom {
    pub nodes: Vec<Node>,
}

impl Dom {
    /// Parses a page; never fails (every input is some document).
    pub fn parse(src: &str) -> Dom {
        let sink = Sink {
            nodes: RefCell::new(vec![Node {
                parent: None,
                children: Vec::new(),
                line: 1,
                data: Data::Document,
            }]),
            line: Cell::new(1),
            none: QualName::new(None, ns!(), local_name!("")),
        };
        parse_document(sink, Default::default()).one(src)
    }

    /// The local name of an element (HTML, SVG or MathML), None for other nodes.
    pub fn name(&self, id: usize) -> Option<&str> {
        match &self.nodes.get(id)?.data {
            Data::Element { name, .. } => Some(name),
            _ => None,
        }
    }

    /// The value of an attribute of an element.
    pub fn attr(&self, id: usize, attr: &str) -> Option<&str> {
        match &self.nodes.get(id)?.data {
            Data::Element { attrs, .. } => attrs
                .iter()
                .find(|a| a.name.ns == ns!() && &*a.name.local == attr)
                .map(|a| &*a.value),
            _ => None,
        }
    }

    pub fn children(&self, id: usize) -> &[usize] {
        self.nodes.get(id).map_or(&[], |n| n.children.as_slice())
    }

    pub fn line(&self, id: usize) -> usize {
        self.nodes.get(id).map_or(1, |n| n.line)
    }
}

/// A node as the tree builder holds it: its index and, for an element, its name (so that
/// `elem_name` needs no borrow of the arena).
#[derive(Clone)]
struct Handle {
    id: usize,
    name: Option<QualName>,
}

struct Sink {
    nodes: RefCell<Vec<Node>>,
    line: Cell<usize>,
    /// The name given for a node that is not an element (the tree builder never asks).
    none: QualName,
}

impl Sink {
    fn push(&self, data: Data) -> usize {
        let mut nodes = self.nodes.borrow_mut();
        nodes.push(Node {
            parent: None,
            children: Vec::new(),
            line: self.line.get(),
            data,
        });
        nodes.len() - 1
    }

    fn handle(&self, data: Data, name: Option<QualName>) -> Handle {
        Handle {
            id: self.push(data),
            name,
        }
    }

    /// The line a piece of text handed over now starts on.
    fn text_start(&self, text: &str) -> usize {
        let breaks = memchr::memchr_iter(b'\n', text.as_bytes()).count();
        self.line.get().saturating_sub(breaks).max(1)
    }

    fn detach(&self, id: usize) {
        let mut nodes = self.nodes.borrow_mut();
        let Some(parent) = nodes.get_mut(id).and_then(|n| n.parent.take()) else {
            return;
        };
        let siblings = &mut nodes[parent].children;
        if let Some(i) = siblings.iter().rposition(|&c| c == id) {
            siblings.remove(i);
        }
    }

    /// Inserts a node or text among `parent`'s children at `at` (text joins the text node
    /// just before it).
    fn insert(&self, parent: usize, at: Option<usize>, child: NodeOrText<Handle>) {
        match child {
            NodeOrText::AppendNode(h) => {
                self.detach(h.id);
                let mut nodes = self.nodes.borrow_mut();
                let Some(p) = nodes.get_mut(parent) else {
                    return;
                };
                let at = position(&p.children, at);
                p.children.insert(at, h.id);
                nodes[h.id].parent = Some(parent);
            }
            NodeOrText::AppendText(text) => {
                let start = self.text_start(&text);
                let mut nodes = self.nodes.borrow_mut();
                let Some(p) = nodes.get(parent) else {
                    return;
                };
                let at = position(&p.children, at);
                let before = at.checked_sub(1).map(|i| p.children[i]);
                if let Some(Data::Text(pieces)) = before.map(|b| &mut nodes[b].data) {
                    pieces.push((start, text));
                    return;
                }
                let id = nodes.len();
                nodes.push(Node {
                    parent: Some(parent),
                    children: Vec::new(),
                    line: start,
                    data: Data::Text(vec![(start, text)]),
                });
                nodes[parent].children.insert(at, id);
            }
        }
    }
}

impl TreeSink for Sink {
    type Handle = Handle;
    type Output = Dom;
    type ElemName<'a> = &'a QualName;

    fn finish(self) -> Dom {
        Dom {
            nodes: self.nodes.into_inner(),
        }
    }

    fn parse_error(&self, _msg: Cow<'static, str>) {}

    fn set_current_line(&self, line: u64) {
        self.line.set(usize::try_from(line).unwrap_or(usize::MAX));
    }

    fn get_document(&self) -> Handle {
        Handle {
            id: DOCUMENT,
            name: None,
        }
    }

    fn elem_name<'a>(&'a self, target: &'a Handle) -> &'a QualName {
        target.name.as_ref().unwrap_or(&self.none)
    }

    fn create_element(&self, name: QualName, attrs: Vec<Attribute>, flags: ElementFlags) -> Handle {
        let data = Data::Element {
            name: name.local.clone(),
            attrs,
        };
        let h = self.handle(data, Some(name));
        if flags.template {
            // The template's contents: a fragment of their own, under the template so that
            // they are left out with it.
            let contents = self.push(Data::Other);
            let mut nodes = self.nodes.borrow_mut();
            nodes[contents].parent = Some(h.id);
            nodes[h.id].children.push(contents);
        }
        h
    }

    fn create_comment(&self, _text: StrTendril) -> Handle {
        self.handle(Data::Other, None)
    }

    fn create_pi(&self, _target: StrTendril, _data: StrTendril) -> Handle {
        self.handle(Data::Other, None)
    }

    fn append(&self, parent: &Handle, child: NodeOrText<Handle>) {
        self.insert(parent.id, None, child);
    }

    fn append_based_on_parent_node(
        &self,
        element: &Handle,
        prev_element: &Handle,
        child: NodeOrText<Handle>,
    ) {
        let parent = self.nodes.borrow().get(element.id).and_then(|n| n.parent);
        match parent {
            Some(p) => self.insert(p, Some(element.id), child),
            None => self.insert(prev_element.id, None, child),
        }
    }

    fn append_doctype_to_document(&self, _name: StrTendril, _public_id: StrTendril, _system_id: StrTendril) {}

    fn get_template_contents(&self, target: &Handle) -> Handle {
        let nodes = self.nodes.borrow();
        let id = nodes
            .get(target.id)
            .and_then(|n| n.children.first().copied())
            .filter(|&c| matches!(nodes[c].data, Data::Other))
            .unwrap_or(target.id);
        Handle { id, name: None }
    }

    fn same_node(&self, x: &Handle, y: &Handle) -> bool {
        x.id == y.id
    }

    fn set_quirks_mode(&self, _mode: QuirksMode) {}

    fn append_before_sibling(&self, sibling: &Handle, new_node: NodeOrText<Handle>) {
        let parent = self.nodes.borrow().get(sibling.id).and_then(|n| n.parent);
        if let Some(p) = parent {
            self.insert(p, Some(sibling.id), new_node);
        }
    }

    fn add_attrs_if_missing(&self, target: &Handle, add: Vec<Attribute>) {
        let mut nodes = self.nodes.borrow_mut();
        if let Some(Data::Element { attrs, .. }) = nodes.get_mut(target.id).map(|n| &mut n.data) {
            for a in add {
                if !attrs.iter().any(|x| x.name == a.name) {
                    attrs.push(a);
                }
            }
        }
    }

    fn remove_from_parent(&self, target: &Handle) {
        self.detach(target.id);
    }

    fn reparent_children(&self, node: &Handle, new_parent: &Handle) {
        let mut nodes = self.nodes.borrow_mut();
        if node.id >= nodes.len() || new_parent.id >= nodes.len() {
            return;
        }
        let moved = std::mem::take(&mut nodes[node.id].children);
        for &c in &moved {
            nodes[c].parent = Some(new_parent.id);
        }
        nodes[new_parent.id].children.extend(moved);
    }
}

/// Where a child inserted before sibling `before` goes among `children` (at the end without
/// one, or when the sibling is not there).
fn position(children: &[usize], before: Option<usize>) -> usize {
    before
        .and_then(|s| children.iter().rposition(|&c| c == s))
        .unwrap_or(children.len())
}
