//! A value shared between components, compared by identity.
//!
//! Components receive the report as a property, and Yew compares properties on every render to
//! decide what to draw again. `Rc<Report>` compares the whole report, field by field: for a
//! capture of a thousand exchanges that costs milliseconds per component per render. A report is
//! never changed in place (a new analysis makes a new one), so the same allocation means the same
//! report, and a pointer comparison is enough.

use std::ops::Deref;
use std::rc::Rc;

#[derive(Debug)]
pub struct Shared<T>(Rc<T>);

impl<T> Shared<T> {
    pub fn new(value: T) -> Self {
        Self(Rc::new(value))
    }
}

impl<T> Clone for Shared<T> {
    fn clone(&self) -> Self {
        Self(self.0.clone())
    }
}

impl<T> PartialEq for Shared<T> {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl<T> Deref for Shared<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.0
    }
}
