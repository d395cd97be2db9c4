//! Writing files that must stay private or whole: keys, the records' key,
//! the staff settings; and the folders and databases a kiosk keeps, its
//! owner's only (0700 and 0600 on Unix; on Windows the profile folder's
//! owner-only ACL applies).

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Why a file could not be written.
#[derive(Debug, thiserror::Error)]
pub enum FileError {
    #[error("{} exists already; keys are never overwritten (use --force)", .0.display())]
    Exists(PathBuf),
    #[error("cannot create {}: {source}", path.display())]
    Create {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("cannot write {}: {source}", path.display())]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("cannot read {}: {source}", path.display())]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
}

/// Reads a file as text, saying which file failed.
pub fn read_text(path: &Path) -> Result<String, FileError> {
    fs::read_to_string(path).map_err(|source| FileError::Read {
        path: path.to_path_buf(),
        source,
    })
}

/// Writes a file readable and writable by its owner only (mode 0600 on
/// Unix; on Windows the profile folder's owner-only ACL applies). Refuses to
/// overwrite unless `force`.
pub fn write_private(path: &Path, text: &str, force: bool) -> Result<(), FileError> {
    let mut options = fs::OpenOptions::new();
    options.write(true);
    if force {
        options.create(true).truncate(true);
    } else {
        options.create_new(true);
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let create = |source| FileError::Create {
        path: path.to_path_buf(),
        source,
    };
    let mut file = options.open(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::AlreadyExists => FileError::Exists(path.to_path_buf()),
        _ => create(e),
    })?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        file.set_permissions(fs::Permissions::from_mode(0o600))
            .map_err(create)?;
    }
    file.write_all(text.as_bytes())
        .and_then(|()| file.sync_all())
        .map_err(|source| FileError::Write {
            path: path.to_path_buf(),
            source,
        })
}

/// Makes `dir` and any missing parents; every folder made here is its
/// owner's only (0700 on Unix). A folder that exists already is left as
/// it is: someone chose it.
pub fn private_dir(dir: &Path) -> std::io::Result<()> {
    if dir.as_os_str().is_empty() || dir.is_dir() {
        return Ok(());
    }
    let mut missing = Vec::new();
    let mut d = dir;
    while !d.as_os_str().is_empty() && !d.exists() {
        missing.push(d.to_path_buf());
        match d.parent() {
            Some(p) => d = p,
            None => break,
        }
    }
    fs::create_dir_all(dir)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        for m in missing {
            fs::set_permissions(&m, fs::Permissions::from_mode(0o700))?;
        }
    }
    Ok(())
}

/// Makes the file at `path` its owner's only (0600 on Unix), creating it
/// empty when it is missing: for a file another library then opens, such
/// as an `SQLite` database (whose journal files take the database's mode).
/// An existing file made before (0644) is tightened too.
pub fn private_file(path: &Path) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
        let file = fs::OpenOptions::new()
            .write(true)
            .create(true)
            .truncate(false)
            .mode(0o600)
            .open(path)?;
        file.set_permissions(fs::Permissions::from_mode(0o600))?;
    }
    #[cfg(not(unix))]
    let _ = path;
    Ok(())
}

/// [`private_dir`] for the folder of `path`, then [`private_file`]: what a
/// database needs before it is opened. Failing, it says so in the log and
/// leaves the opening to fail (or not) on its own.
pub fn private_database(path: &Path) {
    if let Some(dir) = path.parent()
        && let Err(e) = private_dir(dir)
    {
        tracing::warn!("cannot make the folder {}: {e}", dir.display());
    }
    if let Err(e) = private_file(path) {
        tracing::warn!("cannot make {} its owner's only: {e}", path.display());
    }
}

/// Replaces the file at `path` with `text` in one step: written beside it,
/// flushed, then renamed over it, so a crash leaves the old file or the new
/// one, never half of one. Makes the folder if needed.
pub fn replace(path: &Path, text: &str) -> Result<(), FileError> {
    let write = |source| FileError::Write {
        path: path.to_path_buf(),
        source,
    };
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        private_dir(dir).map_err(write)?;
    }
    let mut tmp_name = path.file_name().unwrap_or_default().to_os_string();
    tmp_name.push(".new");
    let tmp = path.with_file_name(tmp_name);
    {
        let mut options = fs::OpenOptions::new();
        options.write(true).create(true).truncate(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            options.mode(0o600);
        }
        let mut f = options.open(&tmp).map_err(write)?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            f.set_permissions(fs::Permissions::from_mode(0o600))
                .map_err(write)?;
        }
        f.write_all(text.as_bytes()).map_err(write)?;
        f.sync_all().map_err(write)?;
    }
    fs::rename(&tmp, path).map_err(|e| {
        let _ = fs::remove_file(&tmp);
        write(e)
    })
}
