//! Replay: a folder of images (PNG or JPEG, or numbered frames) played as a
//! camera would, at a set rate, looping. The demo and the tests use it.

use std::path::{Path, PathBuf};
use std::time::Instant;

use super::frame::{LumaFrame, load_image};
use super::source::{FrameSource, Pacer, SourceError};

/// Decoded frames kept in memory for the next loop, in bytes.
const CACHE_BUDGET: usize = 256 * 1024 * 1024;

/// A replayed folder of images.
#[derive(Debug)]
pub struct ReplaySource {
    files: Vec<PathBuf>,
    cache: Vec<Option<LumaFrame>>,
    cached_bytes: usize,
    next: usize,
    pacer: Pacer,
    looping: bool,
    label: String,
}

/// Whether a file name looks like an image this source plays.
fn is_image(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| matches!(e.to_ascii_lowercase().as_str(), "png" | "jpg" | "jpeg"))
}

/// Orders names the way people number frames: `f2` before `f10`.
fn natural_key(name: &str) -> Vec<(String, u128)> {
    let mut key = Vec::new();
    let mut text = String::new();
    let mut digits = String::new();
    for c in name.chars() {
        if c.is_ascii_digit() {
            digits.push(c);
        } else {
            if !digits.is_empty() {
                key.push((
                    std::mem::take(&mut text),
                    digits.parse().unwrap_or(u128::MAX),
                ));
                digits.clear();
            }
            text.push(c);
        }
    }
    key.push((text, digits.parse().unwrap_or(0)));
    key
}

/// Why a replay could not start.
#[derive(Debug, thiserror::Error)]
pub enum ReplayError {
    #[error("cannot read the replay folder {}: {source}", dir.display())]
    Folder {
        dir: PathBuf,
        source: std::io::Error,
    },
    #[error("no PNG or JPEG images in {}", .0.display())]
    NoImages(PathBuf),
    #[error("no images to replay")]
    Nothing,
}

impl ReplaySource {
    /// The PNG and JPEG files of `dir` (not its subfolders), in natural
    /// order, `fps` frames a second (0: as fast as they are asked for).
    pub fn open(dir: &Path, fps: f64, looping: bool) -> Result<Self, ReplayError> {
        let entries = std::fs::read_dir(dir).map_err(|source| ReplayError::Folder {
            dir: dir.to_path_buf(),
            source,
        })?;
        let mut files: Vec<PathBuf> = entries
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.is_file() && is_image(p))
            .collect();
        files.sort_by_cached_key(|p| {
            natural_key(&p.file_name().unwrap_or_default().to_string_lossy())
        });
        if files.is_empty() {
            return Err(ReplayError::NoImages(dir.to_path_buf()));
        }
        let mut source = Self::from_files(files, fps, looping)?;
        source.label = format!("replay of {}", dir.display());
        Ok(source)
    }

    /// These files, in this order.
    pub fn from_files(files: Vec<PathBuf>, fps: f64, looping: bool) -> Result<Self, ReplayError> {
        if files.is_empty() {
            return Err(ReplayError::Nothing);
        }
        Ok(Self {
            cache: vec![None; files.len()],
            label: format!("replay of {} images", files.len()),
            files,
            cached_bytes: 0,
            next: 0,
            pacer: Pacer::new(fps),
            looping,
        })
    }

    /// How many images the folder has.
    pub fn len(&self) -> usize {
        self.files.len()
    }

    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    fn load(&mut self, i: usize) -> Result<LumaFrame, SourceError> {
        if let Some(Some(f)) = self.cache.get(i) {
            return Ok(f.clone());
        }
        let path = self
            .files
            .get(i)
            .ok_or_else(|| SourceError::BadFrame("no such frame".into()))?;
        let frame =
            load_image(path, Instant::now()).map_err(|e| SourceError::BadFrame(e.to_string()))?;
        let bytes = frame.pixels().len();
        if self.cached_bytes + bytes <= CACHE_BUDGET
            && let Some(slot) = self.cache.get_mut(i)
        {
            *slot = Some(frame.clone());
            self.cached_bytes += bytes;
        }
        Ok(frame)
    }
}

impl FrameSource for ReplaySource {
    fn describe(&self) -> String {
        self.label.clone()
    }

    fn next_frame(&mut self) -> Result<LumaFrame, SourceError> {
        if self.next >= self.files.len() {
            if !self.looping {
                return Err(SourceError::Ended);
            }
            self.next = 0;
        }
        let i = self.next;
        self.next += 1;
        let at = self.pacer.wait_turn();
        self.load(i).map(|f| f.at(at))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn natural_order() {
        let mut names = vec!["f10.png", "f2.png", "f1.png", "a.png"];
        names.sort_by_cached_key(|n| natural_key(n));
        assert_eq!(names, ["a.png", "f1.png", "f2.png", "f10.png"]);
    }
}
