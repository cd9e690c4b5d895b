//! Serde helpers shared by the report's types.
//!
//! A leaf: it uses nothing else in the engine, so every module that serialises may use it.

use serde::{Serialize, Serializer};

/// Serialises a text from the engine's tables into human-readable formats (JSON), and leaves it
/// out (`null`) of the binary transfer form, whose reader takes it from its own tables.
pub(crate) fn table_text<T: Serialize + ?Sized, S: Serializer>(text: &T, serializer: S) -> Result<S::Ok, S::Error> {
    if serializer.is_human_readable() {
        text.serialize(serializer)
    } else {
        serializer.serialize_none()
    }
}
