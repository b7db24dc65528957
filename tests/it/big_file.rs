//! A 200 MB area file is streamed: `lifegap validate` reads it in bounded memory.

use std::io::{BufWriter, Write};
use std::process::Command;
use std::time::Duration;

/// Peak resident memory of a running process in kB (Linux), polled until it exits.
#[cfg(target_os = "linux")]
fn run_and_watch_memory(mut cmd: Command) -> (std::process::Output, u64) {
    use std::process::Stdio;
    let child = cmd
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let pid = child.id();
    let status_path = format!("/proc/{pid}/status");
    let watcher = std::thread::spawn(move || {
        let mut peak = 0u64;
        while let Ok(s) = std::fs::read_to_string(&status_path) {
            // VmHWM is the kernel's own high-water mark of resident memory.
            if let Some(line) = s.lines().find(|l| l.starts_with("VmHWM:")) {
                let kb: u64 = line.split_whitespace().nth(1).unwrap().parse().unwrap();
                peak = peak.max(kb);
            }
            if s.lines()
                .any(|l| l.starts_with("State:") && l.contains("zombie"))
            {
                break;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        peak
    });
    let out = child.wait_with_output().unwrap();
    (out, watcher.join().unwrap())
}

#[cfg(target_os = "linux")]
#[test]
fn a_200_mb_file_is_validated_in_bounded_memory() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.csv");
    let ages = [
        0, 1, 5, 10, 15, 20, 25, 30, 35, 40, 45, 50, 55, 60, 65, 70, 75, 80, 85, 90,
    ];
    let mut w = BufWriter::with_capacity(1 << 20, std::fs::File::create(&path).unwrap());
    writeln!(
        w,
        "area,sex,age,population,chd,stroke,lung_cancer,copd,external,other"
    )
    .unwrap();
    let mut written = 0u64;
    let mut area = 0u64;
    while written < 200_000_000 {
        for sex in ["male", "female"] {
            for age in ages {
                let d = 1 + age / 10;
                let line = format!(
                    "E{area:08},{sex},{age},12345,{d},{d},{d},{d},{d},{}.5\n",
                    d * 3
                );
                written += line.len() as u64;
                w.write_all(line.as_bytes()).unwrap();
            }
        }
        area += 1;
    }
    // One broken row near the end must still be found and located.
    writeln!(w, "Broken,male,0,lots,1,1,1,1,1,1").unwrap();
    w.flush().unwrap();
    drop(w);
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_lifegap"));
    cmd.arg("validate").arg(&path);
    let (out, peak_kb) = run_and_watch_memory(cmd);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    let last_line = 2 + area * 40;
    assert!(
        stderr.contains(&format!(
            "big.csv:{last_line}:4 (population): error [not-a-number]"
        )),
        "{stderr}"
    );
    // Groups are dropped once complete: memory stays far below the file's 200 MB.
    assert!(
        peak_kb > 0 && peak_kb < 100_000,
        "peak resident memory {peak_kb} kB"
    );
}
