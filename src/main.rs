//! The why401 page: gathers what the user pastes and the browser clock, asks the engine, and
//! renders the report. Components parse and decide nothing themselves.

mod app;
mod clock;
mod components;
mod text;

fn main() {
    yew::Renderer::<app::App>::new().render();
}
