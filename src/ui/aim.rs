//! The target frame drawn over the camera preview: four corner marks where
//! the code should go, white while waiting, amber while a code is seen but
//! not yet read.

use iced::widget::canvas::{self, Geometry, Path, Stroke};
use iced::{Color, Point, Rectangle, Renderer, Theme, mouse};

use super::theme;

/// The share of the preview's shorter side the target square spans.
const TARGET_SHARE: f32 = 0.72;

/// The target frame over a preview.
#[derive(Debug, Clone, Copy)]
pub struct Target {
    /// A code is in view but not read yet.
    pub seen: bool,
}

impl<Message> canvas::Program<Message> for Target {
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
        let side = bounds.width.min(bounds.height) * TARGET_SHARE;
        let (x0, y0) = ((bounds.width - side) / 2.0, (bounds.height - side) / 2.0);
        let (x1, y1) = (x0 + side, y0 + side);
        let arm = side * 0.22;
        let colour = if self.seen {
            theme::WARNING_TEXT
        } else {
            Color::from_rgba(1.0, 1.0, 1.0, 0.9)
        };
        let corners = Path::new(|p| {
            for (cx, cy, dx, dy) in [
                (x0, y0, 1.0, 1.0),
                (x1, y0, -1.0, 1.0),
                (x0, y1, 1.0, -1.0),
                (x1, y1, -1.0, -1.0),
            ] {
                p.move_to(Point::new(cx + dx * arm, cy));
                p.line_to(Point::new(cx, cy));
                p.line_to(Point::new(cx, cy + dy * arm));
            }
        });
        let width = (side / 40.0).max(3.0);
        frame.stroke(
            &corners,
            Stroke::default().with_color(colour).with_width(width),
        );
        vec![frame.into_geometry()]
    }
}
