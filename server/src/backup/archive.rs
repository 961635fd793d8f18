//! The backup file: a gzip-compressed tar archive that any machine can open
//! (`tar xzf`), holding `manifest.json` first and the database after it (an
//! SQLite file, or `pg_dump`'s custom format). Blocking IO: call it on the
//! blocking pool.

use super::BackupError;
use app::domain::backup::{Manifest, hex};
use flate2::Compression;
use flate2::read::GzDecoder;
use flate2::write::GzEncoder;
use sha2::{Digest, Sha256};
use std::fs::File;
use std::io::{BufReader, BufWriter, Read, Write};
use std::path::Path;

pub const MANIFEST: &str = "manifest.json";

/// SHA-256 and size of a file, read in chunks.
pub fn checksum(file: &Path) -> std::io::Result<(String, u64)> {
    let mut reader = BufReader::with_capacity(1 << 20, File::open(file)?);
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; 1 << 20];
    let mut total = 0u64;
    loop {
        let n = reader.read(&mut buf)?;
        if n == 0 {
            break;
        }
        hasher.update(&buf[..n]);
        total += n as u64;
    }
    Ok((hex(&hasher.finalize()), total))
}

/// Writes `manifest` and `data` into a new archive at `out` (which must not
/// exist), synced to disk before it returns.
pub fn write(out: &Path, manifest: &Manifest, data: &Path) -> Result<(), BackupError> {
    let file = File::create_new(out)?;
    let gz = GzEncoder::new(BufWriter::with_capacity(1 << 20, file), Compression::new(6));
    let mut tar = tar::Builder::new(gz);
    let json = serde_json::to_vec_pretty(manifest)
        .map_err(|e| BackupError::Damaged(format!("manifest: {e}")))?;
    let mut header = tar::Header::new_gnu();
    header.set_size(json.len() as u64);
    header.set_mode(0o600);
    header.set_mtime(manifest.taken_at.timestamp().max(0) as u64);
    header.set_cksum();
    tar.append_data(&mut header, MANIFEST, json.as_slice())?;
    let mut header = tar::Header::new_gnu();
    header.set_size(manifest.data_bytes);
    header.set_mode(0o600);
    header.set_mtime(manifest.taken_at.timestamp().max(0) as u64);
    header.set_cksum();
    tar.append_data(
        &mut header,
        &manifest.data_file,
        BufReader::with_capacity(1 << 20, File::open(data)?),
    )?;
    let gz = tar.into_inner()?;
    let writer = gz.finish()?;
    let file = writer.into_inner().map_err(|e| e.into_error())?;
    file.sync_all()?;
    Ok(())
}

fn entries(file: &Path) -> Result<tar::Archive<GzDecoder<BufReader<File>>>, BackupError> {
    let reader = BufReader::with_capacity(1 << 20, File::open(file)?);
    Ok(tar::Archive::new(GzDecoder::new(reader)))
}

/// The manifest alone (the first entry: only the archive's start is read).
pub fn read_manifest(file: &Path) -> Result<Manifest, BackupError> {
    let mut archive = entries(file)?;
    let mut entries = archive.entries().map_err(damaged)?;
    let mut first = entries
        .next()
        .ok_or_else(|| BackupError::Damaged("the archive is empty".into()))?
        .map_err(damaged)?;
    if first.path().map_err(damaged)?.as_os_str() != MANIFEST {
        return Err(BackupError::Damaged("no manifest.json at the start".into()));
    }
    // A manifest is a few hundred bytes; refuse anything that is not one.
    if first.size() > 64 * 1024 {
        return Err(BackupError::Damaged("manifest.json is too large".into()));
    }
    let mut json = Vec::new();
    first.read_to_end(&mut json).map_err(damaged)?;
    serde_json::from_slice(&json).map_err(|e| BackupError::Damaged(format!("manifest.json: {e}")))
}

/// Extracts the data entry to `dest` (which must not exist), checking its
/// size and checksum against the manifest; a mismatch, a truncated or
/// altered archive removes `dest` and answers `Damaged`.
pub fn extract_data(file: &Path, dest: &Path) -> Result<Manifest, BackupError> {
    let manifest = read_manifest(file)?;
    let result = extract_checked(file, dest, &manifest);
    if result.is_err() {
        let _ = std::fs::remove_file(dest);
    }
    result.map(|()| manifest)
}

fn extract_checked(file: &Path, dest: &Path, manifest: &Manifest) -> Result<(), BackupError> {
    let mut archive = entries(file)?;
    let mut found = false;
    for entry in archive.entries().map_err(damaged)? {
        let mut entry = entry.map_err(damaged)?;
        if entry.path().map_err(damaged)?.as_os_str() != manifest.data_file.as_str() {
            continue;
        }
        if entry.size() != manifest.data_bytes {
            return Err(BackupError::Damaged(format!(
                "the database is {} bytes, the manifest says {}",
                entry.size(),
                manifest.data_bytes
            )));
        }
        let mut out = BufWriter::with_capacity(1 << 20, File::create_new(dest)?);
        let mut hasher = Sha256::new();
        let mut buf = vec![0u8; 1 << 20];
        let mut total = 0u64;
        loop {
            let n = entry.read(&mut buf).map_err(damaged)?;
            if n == 0 {
                break;
            }
            hasher.update(&buf[..n]);
            out.write_all(&buf[..n])?;
            total += n as u64;
        }
        let out = out.into_inner().map_err(|e| e.into_error())?;
        out.sync_all()?;
        if total != manifest.data_bytes || hex(&hasher.finalize()) != manifest.data_sha256 {
            return Err(BackupError::Damaged(
                "the database's checksum does not match the manifest".into(),
            ));
        }
        found = true;
        break;
    }
    if !found {
        return Err(BackupError::Damaged(format!(
            "no {} in the archive",
            manifest.data_file
        )));
    }
    Ok(())
}

fn damaged(e: std::io::Error) -> BackupError {
    BackupError::Damaged(e.to_string())
}
