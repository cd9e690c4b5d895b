//! Which connection each request of a capture went over, as far as the capture says: the
//! notes of a `curl -v` transcript and the `connection` ids of a Chromium HAR export.
//!
//! ```text
//! * Connected to intranet.example.com (10.0.0.5) port 80 (#0)     a new connection, number 0
//! * Re-using existing connection #0 with host intranet.example.com  the same one again
//! * Connection #0 to host intranet.example.com left intact          kept open after a response
//! * Closing connection 0                                            closed
//! * Connection closure while negotiating auth (HTTP 1.0?)           closed in a handshake
//! ```
//!
//! curl 8 leaves the numbers out of some notes; the connections are then counted in order.
//! Connection-based schemes (NTLM, and Negotiate when it falls back to NTLM) need every leg
//! of a handshake on one connection, which is what these notes let the rules check.

use super::message::Message;

/// What a note says happened to a connection.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Event {
    Opened(Option<u32>),
    Reused(Option<u32>),
    Closed,
}

/// A connection note and its 1-based line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Note {
    pub line: usize,
    pub event: Event,
}

/// The connection a request went over.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Leg {
    /// The connection's id, when the capture tells it.
    pub id: Option<String>,
    /// A connection was opened for this request.
    pub opened: bool,
    /// A connection was closed since the previous request.
    pub closed_before: bool,
}

/// The number after `#` (or after `connection `) in a note.
fn number(text: &str) -> Option<u32> {
    let (_, after) = text.split_once('#')?;
    let digits: String = after.chars().take_while(char::is_ascii_digit).collect();
    digits.parse().ok()
}

/// The connection notes of a `curl -v` transcript.
pub fn curl_notes(text: &str) -> Vec<Note> {
    let mut out = Vec::new();
    for (at, line) in (1_usize..).zip(text.lines()) {
        let Some(note) = line.strip_prefix("* ") else {
            continue;
        };
        let note = note.trim();
        let event = if note.starts_with("Connected to ") {
            Event::Opened(number(note))
        } else if note.starts_with("Re-using existing connection") {
            Event::Reused(number(note))
        } else if note.starts_with("Closing connection")
            || note.starts_with("Connection closure while negotiating auth")
            || note.starts_with("Connection died")
            || note.starts_with("shutting down connection")
        {
            Event::Closed
        } else {
            continue;
        };
        out.push(Note { line: at, event });
        if out.len() >= 10_000 {
            break;
        }
    }
    out
}

/// The leg of each request in `requests` (message indices into `messages`, `None` for an
/// exchange without a request), from a transcript's notes.
pub fn legs_from_notes(notes: &[Note], messages: &[Message], requests: &[Option<usize>]) -> Vec<Leg> {
    let mut out = Vec::with_capacity(requests.len());
    let mut previous_line = 0usize;
    let mut current: Option<String> = None;
    let mut opened_count = 0u32;
    for request in requests {
        let Some(message) = request.and_then(|m| messages.get(m)) else {
            out.push(Leg::default());
            continue;
        };
        let mut leg = Leg::default();
        for note in notes.iter().filter(|n| n.line > previous_line && n.line < message.line) {
            match note.event {
                Event::Opened(n) => {
                    current = Some(n.unwrap_or(opened_count).to_string());
                    opened_count = opened_count.saturating_add(1);
                    leg.opened = true;
                }
                Event::Reused(n) => {
                    if let Some(n) = n {
                        current = Some(n.to_string());
                    }
                }
                Event::Closed => leg.closed_before = true,
            }
        }
        // Only what curl says on the way between two requests counts; the first request's
        // connection is simply the one it opened.
        if out.is_empty() {
            leg.closed_before = false;
        }
        leg.id = current.clone();
        previous_line = message.line;
        out.push(leg);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::http::message::parse;

    #[test]
    fn curl_7_and_8_notes() {
        let text = "* Connected to h (10.0.0.5) port 80 (#0)\n> GET / HTTP/1.1\n> Host: h\n>\n< HTTP/1.1 401 Unauthorized\n<\n* Connection #0 to host h left intact\n* Re-using existing connection #0 with host h\n> GET / HTTP/1.1\n> Host: h\n>\n< HTTP/1.1 200 OK\n<\n* Closing connection 0\n* Connected to h (10.0.0.6) port 80\n> GET / HTTP/1.1\n> Host: h\n>\n< HTTP/1.1 200 OK\n<\n";
        let (messages, _) = parse(text);
        let notes = curl_notes(text);
        assert_eq!(notes.len(), 4);
        let legs = legs_from_notes(&notes, &messages, &[Some(0), Some(2), Some(4)]);
        assert_eq!(legs[0], Leg { id: Some("0".into()), opened: true, closed_before: false });
        assert_eq!(legs[1], Leg { id: Some("0".into()), opened: false, closed_before: false });
        assert_eq!(legs[2], Leg { id: Some("1".into()), opened: true, closed_before: true });
    }
}
