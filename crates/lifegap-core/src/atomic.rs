//! Atomic file writes: write a temporary file beside the target, fsync it, rename it over the
//! target, fsync the directory. A crash leaves either the old file or the new one, never half.
//! A symbolic link stays a link (the file it points to is replaced), and temporary files left
//! by a save that was killed are cleaned up by the next write in that folder.

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

/// Prefix and suffix of the temporary files (so stale ones can be recognised).
const TMP_PREFIX: &str = ".lifegap-";
const TMP_SUFFIX: &str = ".tmp";
/// A temporary file this old belongs to a save that was killed: no save takes an hour.
const STALE_AFTER: Duration = Duration::from_secs(3600);

pub fn write(path: &Path, bytes: &[u8]) -> io::Result<()> {
    // Replace what a symbolic link points to, not the link itself.
    let resolved: PathBuf;
    let path = if std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink()) {
        resolved = std::fs::canonicalize(path)?;
        resolved.as_path()
    } else {
        path
    };
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    std::fs::create_dir_all(dir)?;
    remove_stale_temporaries(dir);
    let mut tmp = tempfile::Builder::new()
        .prefix(TMP_PREFIX)
        .suffix(TMP_SUFFIX)
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

/// Write a set of files into `dir` so that either all of them appear or none does: each is
/// written and synced in a temporary folder inside `dir` first, and only when every one is
/// complete are they renamed into place (a full disk fails before anything is replaced, so
/// no partial set can claim to be complete).
pub fn write_set(dir: &Path, files: &[(&str, Vec<u8>)]) -> io::Result<()> {
    std::fs::create_dir_all(dir)?;
    remove_stale_temporaries(dir);
    let staging = tempfile::Builder::new()
        .prefix(TMP_PREFIX)
        .suffix(TMP_SUFFIX)
        .tempdir_in(dir)?;
    for (name, bytes) in files {
        let mut f = std::fs::File::create(staging.path().join(name))?;
        f.write_all(bytes)?;
        set_permissions(&f, None)?;
        f.sync_all()?;
    }
    for (name, _) in files {
        std::fs::rename(staging.path().join(name), dir.join(name))?;
    }
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

/// Remove `.lifegap-*.tmp` files and folders older than an hour (left by a killed save).
/// Best effort: a folder that cannot be listed is left alone.
fn remove_stale_temporaries(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let now = SystemTime::now();
    for e in entries.flatten() {
        let name = e.file_name();
        let name = name.to_string_lossy();
        if !(name.starts_with(TMP_PREFIX) && name.ends_with(TMP_SUFFIX)) {
            continue;
        }
        let Ok(meta) = e.metadata() else { continue };
        let old = meta
            .modified()
            .ok()
            .and_then(|m| now.duration_since(m).ok())
            .is_some_and(|age| age > STALE_AFTER);
        if old {
            let _ = if meta.is_dir() {
                std::fs::remove_dir_all(e.path())
            } else {
                std::fs::remove_file(e.path())
            };
        }
    }
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

    #[cfg(unix)]
    #[test]
    fn a_symbolic_link_stays_a_link() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("real.ron");
        let link = dir.path().join("link.ron");
        std::fs::write(&target, b"old").unwrap();
        std::os::unix::fs::symlink(&target, &link).unwrap();
        super::write(&link, b"new").unwrap();
        assert!(
            std::fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(std::fs::read(&target).unwrap(), b"new");
    }

    #[test]
    fn stale_temporaries_are_removed_fresh_ones_kept() {
        let dir = tempfile::tempdir().unwrap();
        let stale = dir.path().join(".lifegap-killed.tmp");
        let fresh = dir.path().join(".lifegap-saving.tmp");
        std::fs::write(&stale, b"half").unwrap();
        std::fs::write(&fresh, b"half").unwrap();
        let two_hours_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(7200);
        std::fs::File::options()
            .write(true)
            .open(&stale)
            .unwrap()
            .set_modified(two_hours_ago)
            .unwrap();
        super::write(&dir.path().join("x.csv"), b"ok").unwrap();
        assert!(!stale.exists(), "a killed save's file is cleaned up");
        assert!(fresh.exists(), "another save in progress is left alone");
    }

    #[test]
    fn a_set_appears_whole_or_not_at_all() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        super::write_set(&out, &[("a.csv", b"1".to_vec()), ("b.csv", b"2".to_vec())]).unwrap();
        let mut names: Vec<String> = std::fs::read_dir(&out)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        assert_eq!(names, ["a.csv", "b.csv"], "no staging folder left");
        // A file that cannot be written (its name is a folder) stops the set before any of it
        // replaces what was there.
        std::fs::write(out.join("a.csv"), b"old").unwrap();
        let bad = super::write_set(&out, &[("a.csv", b"new".to_vec()), ("", b"x".to_vec())]);
        assert!(bad.is_err());
        assert_eq!(std::fs::read(out.join("a.csv")).unwrap(), b"old");
    }
}
