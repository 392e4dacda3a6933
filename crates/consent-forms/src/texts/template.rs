//! `{placeholder}` templates: parsing and filling.

/// A piece of a template.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Segment<'a> {
    Literal(&'a str),
    Placeholder(&'a str),
}

/// A `{` or `}` that does not belong to a `{name}` placeholder (name: `a-z`, `0-9`, `_`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Malformed;

/// Splits `text` into literals and placeholders.
pub(crate) fn parse(text: &str) -> Result<Vec<Segment<'_>>, Malformed> {
    let mut segments = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find(['{', '}']) {
        if rest[open..].starts_with('}') {
            return Err(Malformed);
        }
        let after = &rest[open + 1..];
        let close = after.find('}').ok_or(Malformed)?;
        let name = &after[..close];
        let well_formed = !name.is_empty()
            && name
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
        if !well_formed {
            return Err(Malformed);
        }
        if open > 0 {
            segments.push(Segment::Literal(&rest[..open]));
        }
        segments.push(Segment::Placeholder(name));
        rest = &after[close + 1..];
    }
    if !rest.is_empty() {
        segments.push(Segment::Literal(rest));
    }
    Ok(segments)
}

/// The placeholder names of `text`, in order of first appearance.
pub(crate) fn placeholders(text: &str) -> Result<Vec<&str>, Malformed> {
    let mut names: Vec<&str> = Vec::new();
    for segment in parse(text)? {
        if let Segment::Placeholder(name) = segment
            && !names.contains(&name)
        {
            names.push(name);
        }
    }
    Ok(names)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_placeholders_and_refuses_stray_braces() {
        assert_eq!(
            parse("Я, {name}, даю {what}."),
            Ok(vec![
                Segment::Literal("Я, "),
                Segment::Placeholder("name"),
                Segment::Literal(", даю "),
                Segment::Placeholder("what"),
                Segment::Literal("."),
            ])
        );
        assert_eq!(parse(""), Ok(vec![]));
        for bad in [
            "{", "}", "a {b", "a }b", "{}", "{Name}", "{a b}", "{{a}}", "{имя}",
        ] {
            assert_eq!(parse(bad), Err(Malformed), "{bad:?}");
        }
        assert_eq!(placeholders("{a}{b}{a}"), Ok(vec!["a", "b"]));
    }
}
