//! A deliberately small XML reader: elements, attributes, comments, processing
//! instructions and the predefined/numeric entities. That is everything xmlcalendar uses;
//! anything else (DOCTYPE, CDATA, text content) is refused rather than half-understood,
//! which also closes the door on entity-expansion tricks.

use super::super::ImportError;

/// Deeper nesting than this cannot be an xmlcalendar file; the limit keeps a hostile file
/// from exhausting the stack.
const MAX_DEPTH: usize = 8;

/// One element with its attributes in document order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Element {
    pub(super) name: String,
    pub(super) attributes: Vec<(String, String)>,
    pub(super) children: Vec<Element>,
}

impl Element {
    pub(super) fn attribute(&self, name: &str) -> Option<&str> {
        self.attributes
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.as_str())
    }
}

/// Parses a whole document and returns its root element.
pub(super) fn parse(text: &str) -> Result<Element, ImportError> {
    let mut parser = Parser { text, pos: 0 };
    parser.document()
}

struct Parser<'a> {
    text: &'a str,
    pos: usize,
}

impl<'a> Parser<'a> {
    fn document(&mut self) -> Result<Element, ImportError> {
        if self.rest().starts_with('\u{feff}') {
            self.pos += '\u{feff}'.len_utf8();
        }
        self.skip_misc()?;
        if self.rest().starts_with("<!DOCTYPE") {
            return Err(self.error("DOCTYPE declarations are not supported"));
        }
        if !self.rest().starts_with('<') {
            return Err(self.error("expected the root element"));
        }
        let root = self.element(0)?;
        self.skip_misc()?;
        if self.pos < self.text.len() {
            return Err(self.error("unexpected content after the root element"));
        }
        Ok(root)
    }

    fn element(&mut self, depth: usize) -> Result<Element, ImportError> {
        if depth >= MAX_DEPTH {
            return Err(self.error("elements are nested too deeply"));
        }
        self.expect("<")?;
        let name = self.name()?;
        let mut attributes: Vec<(String, String)> = Vec::new();
        loop {
            let spaced = self.skip_whitespace();
            if self.eat("/>") {
                return Ok(Element {
                    name,
                    attributes,
                    children: Vec::new(),
                });
            }
            if self.eat(">") {
                break;
            }
            if !spaced {
                return Err(self.error("expected whitespace, '>' or '/>' after the name"));
            }
            let at = self.pos;
            let key = self.name()?;
            self.skip_whitespace();
            self.expect("=")?;
            self.skip_whitespace();
            let value = self.quoted()?;
            if attributes.iter().any(|(existing, _)| *existing == key) {
                self.pos = at;
                return Err(self.error("duplicate attribute"));
            }
            attributes.push((key, value));
        }
        let mut children = Vec::new();
        loop {
            self.skip_text()?;
            if self.pos >= self.text.len() {
                return Err(self.error("element is not closed"));
            }
            let at = self.pos;
            if self.eat("</") {
                let closing = self.name()?;
                self.skip_whitespace();
                self.expect(">")?;
                if closing != name {
                    self.pos = at;
                    return Err(self.error("closing tag does not match the open element"));
                }
                return Ok(Element {
                    name,
                    attributes,
                    children,
                });
            }
            if self.skip_comment_or_pi()? {
                continue;
            }
            if self.rest().starts_with("<!") {
                return Err(self.error("CDATA and declarations are not supported"));
            }
            children.push(self.element(depth + 1)?);
        }
    }

    /// Whitespace, comments and processing instructions (the XML declaration included).
    fn skip_misc(&mut self) -> Result<(), ImportError> {
        loop {
            self.skip_whitespace();
            if !self.skip_comment_or_pi()? {
                return Ok(());
            }
        }
    }

    fn skip_comment_or_pi(&mut self) -> Result<bool, ImportError> {
        let (open, close, reason) = if self.rest().starts_with("<!--") {
            ("<!--", "-->", "comment is not closed")
        } else if self.rest().starts_with("<?") {
            ("<?", "?>", "processing instruction is not closed")
        } else {
            return Ok(false);
        };
        match self.rest()[open.len()..].find(close) {
            Some(offset) => {
                self.pos += open.len() + offset + close.len();
                Ok(true)
            }
            None => Err(self.error(reason)),
        }
    }

    /// Text between tags may only be indentation.
    fn skip_text(&mut self) -> Result<(), ImportError> {
        let text = self.rest();
        let end = text.find('<').unwrap_or(text.len());
        match text[..end].char_indices().find(|(_, c)| !c.is_whitespace()) {
            Some((offset, _)) => {
                self.pos += offset;
                Err(self.error("text content is not allowed"))
            }
            None => {
                self.pos += end;
                Ok(())
            }
        }
    }

    fn skip_whitespace(&mut self) -> bool {
        let text = self.rest();
        let trimmed = text.trim_start_matches([' ', '\t', '\r', '\n']);
        self.pos += text.len() - trimmed.len();
        trimmed.len() != text.len()
    }

    fn name(&mut self) -> Result<String, ImportError> {
        let text = self.rest();
        let mut chars = text.char_indices();
        match chars.next() {
            Some((_, c)) if c.is_alphabetic() || c == '_' || c == ':' => {}
            _ => return Err(self.error("expected a name")),
        }
        let end = chars
            .find(|&(_, c)| !(c.is_alphanumeric() || matches!(c, '_' | ':' | '-' | '.')))
            .map_or(text.len(), |(offset, _)| offset);
        self.pos += end;
        Ok(text[..end].to_owned())
    }

    fn quoted(&mut self) -> Result<String, ImportError> {
        let quote = match self.rest().chars().next() {
            Some(quote @ ('"' | '\'')) => quote,
            _ => return Err(self.error("expected a quoted attribute value")),
        };
        self.pos += 1;
        let mut value = String::new();
        loop {
            let Some(c) = self.rest().chars().next() else {
                return Err(self.error("attribute value is not closed"));
            };
            match c {
                _ if c == quote => {
                    self.pos += 1;
                    return Ok(value);
                }
                '<' => return Err(self.error("'<' is not allowed in an attribute value")),
                '&' => value.push(self.entity()?),
                _ => {
                    value.push(c);
                    self.pos += c.len_utf8();
                }
            }
        }
    }

    fn entity(&mut self) -> Result<char, ImportError> {
        let text = self.rest();
        let Some(end) = text.find(';').filter(|&end| end <= 10) else {
            return Err(self.error("'&' must start an entity such as &amp;"));
        };
        let resolved = match &text[1..end] {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            reference => reference.strip_prefix('#').and_then(|number| {
                let code = match number.strip_prefix('x') {
                    Some(hex) => u32::from_str_radix(hex, 16),
                    None => number.parse(),
                };
                code.ok().and_then(char::from_u32)
            }),
        };
        match resolved {
            Some(c) => {
                self.pos += end + 1;
                Ok(c)
            }
            None => Err(self.error("unknown entity")),
        }
    }

    fn eat(&mut self, token: &str) -> bool {
        let found = self.rest().starts_with(token);
        if found {
            self.pos += token.len();
        }
        found
    }

    fn expect(&mut self, token: &'static str) -> Result<(), ImportError> {
        if self.eat(token) {
            Ok(())
        } else {
            Err(self.error(match token {
                "<" => "expected '<'",
                "=" => "expected '=' after the attribute name",
                _ => "expected '>'",
            }))
        }
    }

    fn rest(&self) -> &'a str {
        &self.text[self.pos..]
    }

    fn error(&self, reason: &'static str) -> ImportError {
        let before = &self.text[..self.pos];
        let line_start = before.rfind('\n').map_or(0, |newline| newline + 1);
        ImportError::MalformedXml {
            line: before.matches('\n').count() + 1,
            column: before[line_start..].chars().count() + 1,
            reason,
        }
    }
}
