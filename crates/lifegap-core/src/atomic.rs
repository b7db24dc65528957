//! Atomic file writes: write a temporary file beside the target, fsync it, rename it over the
//! target, fsync the directory. A crash leaves either the old file or the new one, never half.

use std::io::{self, Write};
use std::path::Path;

pub fn write(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    std::fs::create_dir_all(dir)?;
    let mut tmp = tempfile::Builder::new()
        .prefix(".lifegap-")
        .suffix(".tmp")
        .tempfile_in(dir)?;
    tmp.write_all(bytes)?;
    // Keep the permissions of the file being replaced; new files get the usual rw-r--r--
    // rather than the temporary file's owner-only mode.
    let perms = std::fs::metadata(path).map(|m| m.permissions()).ok();
    set_permissions(tmp.as_file(), perms)?;
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    // The rename itself is durable once the directory is synced (ignored where unsupported).
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

#[cfg(unix)]
fn set_permissions(f: &std::fs::File, existing: Option<std::fs::Permissions>) -> io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    f.set_permissions(existing.unwrap_or_else(|| std::fs::Permissions::from_mode(0o644)))
}

#[cfg(not(unix))]
fn set_permissions(f: &std::fs::File, existing: Option<std::fs::Permissions>) -> io::Result<()> {
    match existing {
        Some(p) => f.set_permissions(p),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn replaces_the_file_whole() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("sub/x.ron");
        super::write(&p, b"one").unwrap();
        super::write(&p, b"two").unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), b"two");
        let leftovers = std::fs::read_dir(p.parent().unwrap()).unwrap().count();
        assert_eq!(leftovers, 1, "no temporary file left behind");
    }
}
