//! The real driver: nokhwa's native backend (V4L2 on Linux, Media
//! Foundation on Windows) behind [`CameraDriver`].

use std::fmt;

use nokhwa::NokhwaError;
use nokhwa::pixel_format::LumaFormat;
use nokhwa::utils::{
    ApiBackend, CameraFormat, CameraIndex, ControlValueDescription, ControlValueSetter,
    FrameFormat, KnownCameraControl, RequestedFormat, RequestedFormatType, Resolution,
};

use super::classify::{Phase, classify, shielded};
use super::{CameraDriver, CameraEntry, Control, ControlRange, Mode, RawFrame};
use crate::scan::frame::PixelLayout;
use crate::scan::source::SourceError;

/// The real driver: nokhwa's native backend for this platform.
#[derive(Default)]
pub struct NokhwaDriver {
    camera: Option<nokhwa::Camera>,
}

impl fmt::Debug for NokhwaDriver {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("NokhwaDriver")
            .field("open", &self.camera.is_some())
            .finish()
    }
}

fn layout_of(f: FrameFormat) -> PixelLayout {
    match f {
        FrameFormat::MJPEG => PixelLayout::Mjpeg,
        FrameFormat::YUYV => PixelLayout::Yuyv,
        FrameFormat::NV12 => PixelLayout::Nv12,
        FrameFormat::GRAY => PixelLayout::Gray,
        FrameFormat::RAWRGB => PixelLayout::Rgb,
        FrameFormat::RAWBGR => PixelLayout::Bgr,
    }
}

fn format_of(l: PixelLayout) -> FrameFormat {
    match l {
        PixelLayout::Mjpeg => FrameFormat::MJPEG,
        PixelLayout::Yuyv => FrameFormat::YUYV,
        PixelLayout::Nv12 => FrameFormat::NV12,
        PixelLayout::Gray => FrameFormat::GRAY,
        PixelLayout::Rgb => FrameFormat::RAWRGB,
        PixelLayout::Bgr => FrameFormat::RAWBGR,
    }
}

fn mode_of(f: &CameraFormat) -> Mode {
    Mode {
        layout: layout_of(f.format()),
        width: f.width(),
        height: f.height(),
        fps: f.frame_rate(),
    }
}

impl NokhwaDriver {
    pub fn new() -> Self {
        Self::default()
    }

    fn camera(&mut self) -> Result<&mut nokhwa::Camera, NokhwaError> {
        self.camera.as_mut().ok_or(NokhwaError::UnitializedError)
    }
}

fn known(control: Control) -> KnownCameraControl {
    match control {
        Control::Brightness => KnownCameraControl::Brightness,
        Control::Exposure => KnownCameraControl::Exposure,
    }
}

impl CameraDriver for NokhwaDriver {
    fn control_range(&mut self, control: Control) -> Result<Option<ControlRange>, NokhwaError> {
        let found = self.camera()?.camera_control(known(control))?;
        Ok(match found.description() {
            ControlValueDescription::IntegerRange { min, max, step, .. } => Some(ControlRange {
                min: *min,
                max: *max,
                step: *step,
            }),
            _ => None,
        })
    }

    fn set_control(&mut self, control: Control, value: i64) -> Result<(), NokhwaError> {
        self.camera()?
            .set_camera_control(known(control), ControlValueSetter::Integer(value))
    }

    fn list(&mut self) -> Result<Vec<CameraEntry>, NokhwaError> {
        let infos = nokhwa::query(ApiBackend::Auto)?;
        Ok(infos
            .iter()
            .enumerate()
            .map(|(i, info)| CameraEntry {
                index: info
                    .index()
                    .as_index()
                    .unwrap_or_else(|_| u32::try_from(i).unwrap_or(u32::MAX)),
                name: info.human_name(),
                description: info.description().to_owned(),
            })
            .collect())
    }

    fn open(&mut self, index: u32) -> Result<Vec<Mode>, NokhwaError> {
        self.camera = None;
        let requested = RequestedFormat::new::<LumaFormat>(RequestedFormatType::None);
        let mut camera = nokhwa::Camera::new(CameraIndex::Index(index), requested)?;
        let modes = camera
            .compatible_camera_formats()?
            .iter()
            .map(mode_of)
            .collect();
        self.camera = Some(camera);
        Ok(modes)
    }

    fn start(&mut self, mode: Mode) -> Result<Mode, NokhwaError> {
        let camera = self.camera()?;
        if camera.is_stream_open() {
            camera.stop_stream()?;
        }
        let want = CameraFormat::new(
            Resolution::new(mode.width, mode.height),
            format_of(mode.layout),
            mode.fps,
        );
        if camera.camera_format() != want {
            camera.set_camera_requset(RequestedFormat::new::<LumaFormat>(
                RequestedFormatType::Exact(want),
            ))?;
        }
        camera.open_stream()?;
        Ok(mode_of(&camera.camera_format()))
    }

    fn frame(&mut self) -> Result<RawFrame<'_>, NokhwaError> {
        let camera = self.camera()?;
        let mode = mode_of(&camera.camera_format());
        let data = camera.frame_raw()?;
        Ok(RawFrame {
            layout: mode.layout,
            width: mode.width,
            height: mode.height,
            data,
        })
    }

    fn close(&mut self) {
        if let Some(mut camera) = self.camera.take()
            && camera.is_stream_open()
            && let Err(e) = camera.stop_stream()
        {
            tracing::debug!(error = %e, "closing the camera");
        }
    }
}

/// The cameras present, for the staff screen.
pub fn list_cameras() -> Result<Vec<CameraEntry>, SourceError> {
    let mut driver = NokhwaDriver::new();
    shielded(Phase::List, || {
        driver.list().map_err(|e| classify(&e, Phase::List))
    })
}
