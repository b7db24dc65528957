//! RON syntax errors in words a scenario's author can act on: "a ':' is missing after
//! 'target'" instead of ron's "Expected colon". The location (line, column) stays with the
//! problem; this gives the words and the field the error is next to — the last name written
//! before the error's position, found by reading the text backwards from it.

use ron::error::{Error, Position};

/// The byte offset of a 1-based (line, column-in-characters) position.
fn offset(text: &str, pos: Position) -> usize {
    let mut line = 1;
    let mut start = 0;
    if pos.line > 1 {
        for (i, b) in text.bytes().enumerate() {
            if b == b'\n' {
                line += 1;
                if line == pos.line {
                    start = i + 1;
                    break;
                }
            }
        }
        if line < pos.line {
            return text.len();
        }
    }
    let rest = &text[start..];
    rest.char_indices()
        .nth(pos.col.saturating_sub(1))
        .map_or(text.len(), |(i, _)| start + i)
}

fn is_name(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// The last name (a field or a variant) written before `at`, skipping spaces, commas,
/// brackets and values — what an error at `at` is most likely about.
pub fn field_before(text: &str, at: usize) -> Option<String> {
    let before = &text[..at.min(text.len())];
    // The end of the last word before the position.
    let mut end = None;
    for (i, c) in before.char_indices().rev() {
        if is_name(c) {
            end = Some(i + c.len_utf8());
            break;
        }
    }
    let end = end?;
    let start = before[..end]
        .char_indices()
        .rev()
        .take_while(|(_, c)| is_name(*c))
        .last()
        .map(|(i, _)| i)?;
    let word = &before[start..end];
    // A number or a keyword is not a name.
    if word.chars().next().is_some_and(|c| c.is_ascii_digit()) {
        return None;
    }
    Some(word.to_string())
}

/// The last field written before `at` (a name followed by ':'), however long its value.
fn field_of_value(text: &str, at: usize) -> Option<String> {
    let before = &text[..at.min(text.len())];
    let mut end = before.len();
    while let Some(colon) = before[..end].rfind(':') {
        let name = before[..colon].trim_end();
        let start = name
            .char_indices()
            .rev()
            .take_while(|(_, c)| is_name(*c))
            .last()
            .map(|(i, _)| i);
        if let Some(start) = start
            && !name[start..].starts_with(|c: char| c.is_ascii_digit())
        {
            return Some(name[start..].to_string());
        }
        end = colon;
    }
    None
}

/// Is a field name (a name then ':') written at `at`?
fn field_starts_at(text: &str, at: usize) -> bool {
    let rest = &text[at.min(text.len())..];
    let name_len: usize = rest
        .chars()
        .take_while(|c| is_name(*c))
        .map(char::len_utf8)
        .sum();
    name_len > 0 && rest[name_len..].trim_start().starts_with(':')
}

/// What is written at `at`: the word there, or the character.
fn found_at(text: &str, at: usize) -> String {
    let rest = &text[at.min(text.len())..];
    let word: String = rest
        .chars()
        .take_while(|c| is_name(*c) || *c == '.')
        .collect();
    if !word.is_empty() {
        return word;
    }
    rest.chars()
        .next()
        .map_or("the end of the file".to_string(), |c| c.to_string())
}

fn list(names: &[&str]) -> String {
    names
        .iter()
        .map(|n| format!("'{n}'"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The error in words, and the field it is next to (for the problem's location).
pub fn in_words(e: &Error, text: &str, pos: Position) -> (String, Option<String>) {
    let at = offset(text, pos);
    let field = field_before(text, at);
    let after = field
        .as_ref()
        .map_or(String::new(), |f| format!(" after '{f}'"));
    let found = found_at(text, at);
    let ends = matches!(
        e,
        Error::ExpectedComma
            | Error::ExpectedStructLikeEnd
            | Error::ExpectedMapEnd
            | Error::ExpectedArrayEnd
    );
    if ends && field_starts_at(text, at) {
        // A field follows a value with no comma between them.
        let field = field_of_value(text, at);
        let after = field
            .as_ref()
            .map_or(String::new(), |f| format!(" after '{f}'"));
        return (
            format!("a ',' is missing{after}, before '{found}': each field ends with a comma"),
            field,
        );
    }
    let words = match e {
        Error::ExpectedMapColon => format!("a ':' is missing{after}"),
        Error::ExpectedComma => {
            format!("a ',' is missing{after} (before '{found}'): each field ends with a comma")
        }
        Error::ExpectedStructLikeEnd => {
            format!("a ')' is missing{after}, or a ',' before '{found}'")
        }
        Error::ExpectedArrayEnd => format!("a ']' is missing{after}, or a ',' before '{found}'"),
        Error::ExpectedMapEnd => format!("a '}}' is missing{after}, or a ',' before '{found}'"),
        Error::ExpectedArray => format!("a list in [ ] was expected{after}, not '{found}'"),
        Error::ExpectedStructLike | Error::ExpectedNamedStructLike(_) => {
            format!("a group of fields in ( ) was expected{after}, not '{found}'")
        }
        Error::Eof => {
            "the file ends too early: a closing ')' or ']' is missing, or the file was cut short"
                .to_string()
        }
        Error::ExpectedFloat | Error::ExpectedInteger => {
            format!("a number was expected{after}, not '{found}'")
        }
        Error::FloatUnderscore | Error::UnderscoreAtBeginning => {
            format!("'{found}' is not a number: write it without '_'")
        }
        Error::IntegerOutOfBounds => format!("the number{after} is too large"),
        Error::InvalidIntegerDigit { digit, .. } => {
            format!("'{digit}' cannot be part of the number{after}")
        }
        Error::ExpectedBoolean => format!("true or false was expected{after}, not '{found}'"),
        Error::ExpectedString => {
            format!("a text in double quotes was expected{after}, not '{found}'")
        }
        Error::ExpectedStringEnd => {
            format!("a closing '\"' is missing{after}: the text never ends")
        }
        Error::InvalidEscape(what) => format!("{what} in the text{after}: write \\\\ for a \\"),
        Error::ExpectedIdentifier | Error::InvalidIdentifier(_) => {
            format!("a field name was expected{after}, not '{found}'")
        }
        Error::UnexpectedChar(c) => format!("'{c}' is not expected here{after}"),
        Error::TrailingCharacters => {
            "there is more text after the scenario's closing ')': remove it, or a ')' closes too early"
                .to_string()
        }
        Error::UnclosedBlockComment => "a comment opened with /* is never closed".to_string(),
        Error::ExpectedOption => format!("Some(…) or None was expected{after}"),
        Error::NoSuchStructField {
            expected,
            found,
            outer,
        } => format!(
            "'{found}' is not a field{}; the fields are {}",
            outer
                .as_ref()
                .map_or(String::new(), |o| format!(" of {o}")),
            list(expected)
        ),
        Error::MissingStructField { field, outer } => format!(
            "'{field}' is missing{}",
            outer.as_ref().map_or(String::new(), |o| format!(" from {o}"))
        ),
        Error::DuplicateStructField { field, outer } => format!(
            "'{field}' is given twice{}",
            outer.as_ref().map_or(String::new(), |o| format!(" in {o}"))
        ),
        Error::NoSuchEnumVariant {
            expected, found, ..
        } => format!(
            "'{found}' is not one of the choices{after}: {}",
            list(expected)
        ),
        Error::InvalidValueForType { expected, found } => {
            format!("{expected} was expected{after}, not {found}")
        }
        Error::ExpectedDifferentLength { expected, found } => {
            format!("{expected} was expected{after}, but {found} were given")
        }
        Error::Message(m) => m.clone(),
        other => other.to_string(),
    };
    (words, field)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> (String, Position) {
        let e = ron::Options::default()
            .from_str::<ron::Value>(text)
            .expect_err("a syntax error");
        (in_words(&e.code, text, e.span.start).0, e.span.start)
    }

    #[test]
    fn a_missing_colon_names_the_field() {
        let (w, at) = words("(\n  name: \"x\",\n  target 0.5,\n)");
        assert_eq!(w, "a ':' is missing after 'target'");
        assert_eq!(at.line, 3);
    }

    #[test]
    fn a_missing_comma_names_the_field_before_it() {
        let (w, at) = words("(\n  name: \"x\"\n  target: 0.5,\n)");
        assert_eq!(
            w,
            "a ',' is missing after 'name', before 'target': each field ends with a comma"
        );
        assert_eq!(at.line, 3);
        let (w, _) = words("(\n  c: (target: 0.06\n  max: 0.15),\n)");
        assert!(
            w.starts_with("a ',' is missing after 'target', before 'max'"),
            "{w}"
        );
    }

    #[test]
    fn an_unfinished_file_and_text_say_so() {
        assert!(words("(\n  a: (b: 1,\n").0.contains("ends too early"));
        assert!(words("(a: \"open)").0.contains("closing '\"' is missing"));
    }

    #[test]
    fn the_field_before_skips_values_and_brackets() {
        let t = "(coverage: (baseline: 0.3, target 0.5))";
        let at = t.find(" 0.5").unwrap() + 1;
        assert_eq!(field_before(t, at).as_deref(), Some("target"));
        assert_eq!(field_before("(a: 12", 6), None);
    }

    #[test]
    fn positions_are_counted_in_characters() {
        let t = "(\n  é: 1,\n  b 2)";
        assert_eq!(
            offset(t, Position { line: 3, col: 5 }),
            t.find('2').unwrap()
        );
    }
}
