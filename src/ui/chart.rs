//! Verdict counts per hour as a stacked bar chart (staff screen).

use iced::widget::canvas::{self, Geometry};
use iced::{Color, Point, Rectangle, Renderer, Size, Theme, mouse};

use super::theme::verdict_colours;
use crate::records::HourCount;
use crate::verdict::Colour;

/// The chart of the last hours, oldest on the left.
#[derive(Debug, Clone)]
pub struct HourlyChart {
    pub hours: Vec<HourCount>,
    /// The start of the current hour: the rightmost bar.
    pub now_hour: crate::time::UnixTime,
}

impl<Message> canvas::Program<Message> for HourlyChart {
    type State = ();

    fn draw(
        &self,
        (): &(),
        renderer: &Renderer,
        _theme: &Theme,
        bounds: Rectangle,
        _cursor: mouse::Cursor,
    ) -> Vec<Geometry> {
        let mut frame = canvas::Frame::new(renderer, bounds.size());
        frame.fill_rectangle(
            Point::ORIGIN,
            bounds.size(),
            Color::from_rgb(0.10, 0.13, 0.20),
        );
        let max = self
            .hours
            .iter()
            .map(|h| h.green + h.yellow + h.red + h.grey)
            .max()
            .unwrap_or(0)
            .max(1);
        let slots = 24.0f32;
        let bar_w = bounds.width / slots;
        #[allow(clippy::cast_precision_loss)]
        let scale = (bounds.height - 4.0) / max as f32;
        for h in &self.hours {
            let back = (self.now_hour.0 - h.hour.0).div_euclid(3600);
            if !(0..24).contains(&back) {
                continue;
            }
            #[allow(clippy::cast_precision_loss)]
            let x = bounds.width - (back as f32 + 1.0) * bar_w;
            let mut y = bounds.height;
            for (n, c) in [
                (h.green, Colour::Green),
                (h.yellow, Colour::Yellow),
                (h.red, Colour::Red),
                (h.grey, Colour::Grey),
            ] {
                #[allow(clippy::cast_precision_loss)]
                let height = n as f32 * scale;
                if height > 0.0 {
                    y -= height;
                    frame.fill_rectangle(
                        Point::new(x + 1.0, y),
                        Size::new(bar_w - 2.0, height),
                        verdict_colours(c).0,
                    );
                }
            }
        }
        vec![frame.into_geometry()]
    }
}
