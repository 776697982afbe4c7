// The power-cut VFS shim (tests/power_cut_vfs.hpp).
#include "tests/power_cut_vfs.hpp"

#include <sqlite3.h>

#include <cstdio>
#include <cstring>
#include <fstream>
#include <iterator>
#include <map>
#include <sstream>

namespace powercut {
namespace {

constexpr int64_t kSector = 512;

struct Tracked {
    std::string Durable; // the bytes the last xSync made durable
};

struct LastWrite {
    std::string Path;
    int64_t Offset = 0;
    std::string Data;
    bool Valid = false;
};

struct State {
    sqlite3_vfs* Real = nullptr;
    std::map<std::string, Tracked> Files;
    int64_t EventCount = 0;
    int64_t CutAt = 0;
    Mode CutMode = Mode::Synced;
    bool Out = false;
    std::string Phase, PhaseAtCut;
    LastWrite Unsynced; // the latest write not yet covered by a sync of its file
    std::map<std::string, std::string> Images; // taken at the cut
};

State g;

std::string ReadWhole(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

void WriteWhole(const std::string& path, const std::string& data) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(data.data(), std::streamsize(data.size()));
}

// What the disk holds after the cut: the synced bytes, and in Torn mode the first half of
// the last unsynced sector written on top.
void TakeImages() {
    g.Images.clear();
    for (const auto& [path, t] : g.Files)
        g.Images[path] = t.Durable;
    if (g.CutMode != Mode::Torn || !g.Unsynced.Valid || !g.Images.count(g.Unsynced.Path))
        return;
    const LastWrite& w = g.Unsynced;
    const int64_t end = w.Offset + int64_t(w.Data.size());
    const int64_t sector = ((end - 1) / kSector) * kSector;
    const int64_t from = std::max(w.Offset, sector), to = std::min(end, sector + kSector / 2);
    if (from >= to)
        return;
    std::string& img = g.Images[w.Path];
    if (int64_t(img.size()) < to)
        img.resize(size_t(to), '\0');
    memcpy(&img[size_t(from)], w.Data.data() + (from - w.Offset), size_t(to - from));
}

// One write, truncate or sync: false when the power is (now) out.
bool Event() {
    if (g.Out)
        return false;
    g.EventCount++;
    if (g.CutAt > 0 && g.EventCount >= g.CutAt) {
        g.Out = true;
        g.PhaseAtCut = g.Phase;
        TakeImages();
        return false;
    }
    return true;
}

struct ShimFile {
    sqlite3_file Base;
    sqlite3_file* Real; // right after this struct, szOsFile of the real VFS
    std::string* Path;  // nullptr: a temporary file, not tracked
};

sqlite3_file* RealOf(sqlite3_file* f) { return reinterpret_cast<ShimFile*>(f)->Real; }
const std::string* PathOf(sqlite3_file* f) { return reinterpret_cast<ShimFile*>(f)->Path; }

int xClose(sqlite3_file* f) {
    ShimFile* s = reinterpret_cast<ShimFile*>(f);
    int rc = s->Real->pMethods ? s->Real->pMethods->xClose(s->Real) : SQLITE_OK;
    delete s->Path;
    s->Path = nullptr;
    return rc;
}
int xRead(sqlite3_file* f, void* p, int n, sqlite3_int64 off) { return RealOf(f)->pMethods->xRead(RealOf(f), p, n, off); }
int xWrite(sqlite3_file* f, const void* p, int n, sqlite3_int64 off) {
    const std::string* path = PathOf(f);
    if (path) {
        // The write in flight at the cut is the one that tears.
        g.Unsynced = {*path, off, std::string(static_cast<const char*>(p), size_t(n)), true};
        if (!Event())
            return SQLITE_IOERR_WRITE;
    }
    return RealOf(f)->pMethods->xWrite(RealOf(f), p, n, off);
}
int xTruncate(sqlite3_file* f, sqlite3_int64 size) {
    if (PathOf(f) && !Event())
        return SQLITE_IOERR_TRUNCATE;
    return RealOf(f)->pMethods->xTruncate(RealOf(f), size);
}
int xSync(sqlite3_file* f, int) {
    const std::string* path = PathOf(f);
    if (!path)
        return SQLITE_OK;
    if (!Event())
        return SQLITE_IOERR_FSYNC;
    g.Files[*path].Durable = ReadWhole(*path); // everything written so far is on the disk now
    if (g.Unsynced.Valid && g.Unsynced.Path == *path)
        g.Unsynced.Valid = false;
    return SQLITE_OK;
}
int xFileSize(sqlite3_file* f, sqlite3_int64* size) { return RealOf(f)->pMethods->xFileSize(RealOf(f), size); }
int xLock(sqlite3_file* f, int l) { return RealOf(f)->pMethods->xLock(RealOf(f), l); }
int xUnlock(sqlite3_file* f, int l) { return RealOf(f)->pMethods->xUnlock(RealOf(f), l); }
int xCheckReservedLock(sqlite3_file* f, int* r) { return RealOf(f)->pMethods->xCheckReservedLock(RealOf(f), r); }
int xFileControl(sqlite3_file* f, int op, void* arg) {
    return RealOf(f)->pMethods->xFileControl(RealOf(f), op, arg);
}
int xSectorSize(sqlite3_file* f) { return RealOf(f)->pMethods->xSectorSize(RealOf(f)); }
int xDeviceCharacteristics(sqlite3_file* f) { return RealOf(f)->pMethods->xDeviceCharacteristics(RealOf(f)); }
int xShmMap(sqlite3_file* f, int i, int sz, int ext, void volatile** pp) {
    return RealOf(f)->pMethods->xShmMap(RealOf(f), i, sz, ext, pp);
}
int xShmLock(sqlite3_file* f, int off, int n, int flags) {
    return RealOf(f)->pMethods->xShmLock(RealOf(f), off, n, flags);
}
void xShmBarrier(sqlite3_file* f) { RealOf(f)->pMethods->xShmBarrier(RealOf(f)); }
int xShmUnmap(sqlite3_file* f, int del) { return RealOf(f)->pMethods->xShmUnmap(RealOf(f), del); }
int xFetch(sqlite3_file* f, sqlite3_int64 off, int n, void** pp) {
    return RealOf(f)->pMethods->xFetch(RealOf(f), off, n, pp);
}
int xUnfetch(sqlite3_file* f, sqlite3_int64 off, void* p) { return RealOf(f)->pMethods->xUnfetch(RealOf(f), off, p); }

const sqlite3_io_methods kMethods = {
    3,          xClose,        xRead,   xWrite,       xTruncate,  xSync,       xFileSize,  xLock,
    xUnlock,    xCheckReservedLock,     xFileControl, xSectorSize, xDeviceCharacteristics, xShmMap,
    xShmLock,   xShmBarrier,   xShmUnmap, xFetch,     xUnfetch,
};

int vOpen(sqlite3_vfs*, sqlite3_filename name, sqlite3_file* f, int flags, int* out_flags) {
    ShimFile* s = reinterpret_cast<ShimFile*>(f);
    s->Real = reinterpret_cast<sqlite3_file*>(s + 1);
    s->Path = nullptr;
    const bool tracked = name && (flags & (SQLITE_OPEN_MAIN_DB | SQLITE_OPEN_WAL | SQLITE_OPEN_MAIN_JOURNAL));
    std::string path = name ? name : "";
    bool existed = false;
    if (tracked) {
        std::ifstream probe(path, std::ios::binary);
        existed = bool(probe);
    }
    int rc = g.Real->xOpen(g.Real, name, s->Real, flags, out_flags);
    if (rc != SQLITE_OK) {
        s->Base.pMethods = nullptr;
        return rc;
    }
    s->Base.pMethods = &kMethods;
    if (tracked) {
        s->Path = new std::string(path);
        if (!g.Files.count(path)) // a file from before the run is on the disk already
            g.Files[path].Durable = existed ? ReadWhole(path) : std::string();
    }
    return SQLITE_OK;
}
int vDelete(sqlite3_vfs*, const char* name, int sync_dir) {
    if (g.Out)
        return SQLITE_IOERR_DELETE;
    g.Files.erase(name);
    if (g.Unsynced.Valid && g.Unsynced.Path == name)
        g.Unsynced.Valid = false;
    return g.Real->xDelete(g.Real, name, sync_dir);
}
int vAccess(sqlite3_vfs*, const char* name, int flags, int* out) { return g.Real->xAccess(g.Real, name, flags, out); }
int vFullPathname(sqlite3_vfs*, const char* name, int n, char* out) {
    return g.Real->xFullPathname(g.Real, name, n, out);
}
void* vDlOpen(sqlite3_vfs*, const char* name) { return g.Real->xDlOpen(g.Real, name); }
void vDlError(sqlite3_vfs*, int n, char* msg) { g.Real->xDlError(g.Real, n, msg); }
void (*vDlSym(sqlite3_vfs*, void* h, const char* sym))(void) { return g.Real->xDlSym(g.Real, h, sym); }
void vDlClose(sqlite3_vfs*, void* h) { g.Real->xDlClose(g.Real, h); }
int vRandomness(sqlite3_vfs*, int n, char* out) { return g.Real->xRandomness(g.Real, n, out); }
int vSleep(sqlite3_vfs*, int us) { return g.Real->xSleep(g.Real, us); }
int vCurrentTime(sqlite3_vfs*, double* t) { return g.Real->xCurrentTime(g.Real, t); }
int vGetLastError(sqlite3_vfs*, int n, char* s) { return g.Real->xGetLastError(g.Real, n, s); }
int vCurrentTimeInt64(sqlite3_vfs*, sqlite3_int64* t) { return g.Real->xCurrentTimeInt64(g.Real, t); }

sqlite3_vfs g_shim;

} // namespace

void Install() {
    if (!g.Real) {
        g.Real = sqlite3_vfs_find("unix");
        g_shim = sqlite3_vfs{};
        g_shim.iVersion = 2;
        g_shim.szOsFile = int(sizeof(ShimFile)) + g.Real->szOsFile;
        g_shim.mxPathname = g.Real->mxPathname;
        g_shim.zName = "powercut";
        g_shim.xOpen = vOpen;
        g_shim.xDelete = vDelete;
        g_shim.xAccess = vAccess;
        g_shim.xFullPathname = vFullPathname;
        g_shim.xDlOpen = vDlOpen;
        g_shim.xDlError = vDlError;
        g_shim.xDlSym = vDlSym;
        g_shim.xDlClose = vDlClose;
        g_shim.xRandomness = vRandomness;
        g_shim.xSleep = vSleep;
        g_shim.xCurrentTime = vCurrentTime;
        g_shim.xGetLastError = vGetLastError;
        g_shim.xCurrentTimeInt64 = vCurrentTimeInt64;
    }
    sqlite3_vfs_register(&g_shim, 1);
    Arm(0, Mode::Synced);
}

void Uninstall() {
    sqlite3_vfs_unregister(&g_shim);
    sqlite3_vfs_register(sqlite3_vfs_find("unix"), 1);
}

void Arm(int64_t cut_at, Mode mode) {
    g.Files.clear();
    g.Images.clear();
    g.Unsynced = {};
    g.EventCount = 0;
    g.CutAt = cut_at;
    g.CutMode = mode;
    g.Out = false;
    g.Phase.clear();
    g.PhaseAtCut.clear();
}

int64_t Events() { return g.EventCount; }
bool PowerIsOut() { return g.Out; }
std::string CutPhase() { return g.PhaseAtCut; }
void SetPhase(const std::string& phase) { g.Phase = phase; }

void Restore() {
    if (!g.Out)
        return;
    for (const auto& [path, image] : g.Images) {
        WriteWhole(path, image);
        if (path.size() > 3 && path.compare(path.size() - 4, 4, "-wal") == 0)
            std::remove((path.substr(0, path.size() - 4) + "-shm").c_str());
    }
    g.Images.clear();
}

} // namespace powercut
