//! The browser clock, the one source of "now" for the page.

use gloo_timers::callback::Interval;
use yew::prelude::*;

/// The current time in whole seconds since 1970.
pub fn now_seconds() -> i64 {
    (js_sys::Date::now() / 1000.0).floor() as i64
}

/// Minutes east of UTC of the browser's time zone at the given instant (daylight saving time
/// included).
pub fn offset_minutes_at(seconds: i64) -> i32 {
    let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(seconds as f64 * 1000.0));
    -(date.get_timezone_offset() as i32)
}

/// The browser clock, ticking once a second.
#[hook]
pub fn use_clock() -> i64 {
    let now = use_state(now_seconds);
    {
        let now = now.clone();
        use_effect_with((), move |_| {
            let tick = Interval::new(1000, move || now.set(now_seconds()));
            move || drop(tick)
        });
    }
    *now
}
