// A SQLite VFS for tests that simulates a power cut (issue 17). It wraps the real "unix"
// VFS: reads and writes reach the real files (so SQLite sees what it wrote), but the shim
// remembers, per file, what its last xSync made durable. At a chosen I/O event (the n-th
// write, truncate or sync) the power goes: that event and every later one fails with an
// I/O error, and Restore() puts back on disk only what had been synced (mode Synced), or
// that plus half of the last unsynced 512-byte sector (mode Torn), as a disk would hold
// after the cut. The -shm file is dropped (SQLite never syncs it; it is rebuilt). Then the
// test reopens the files with the real VFS and checks them.
//
// The shim does not call the real fsync: durability is its own model, which keeps a
// thousand cuts fast. A delete counts as durable (SQLite syncs the folder after it).
// One shim at a time, one thread: the state is global.
#pragma once
#include <cstdint>
#include <string>

namespace powercut {

enum class Mode { Synced, Torn };

// Makes the shim the default VFS (Journal::Open and Store::Open then use it), with no
// cut planned: it counts events. Uninstall() makes "unix" the default again.
void Install();
void Uninstall();

// Starts a new run: forgets every file, counts events from 0, and cuts at event cut_at
// (1-based; 0: never).
void Arm(int64_t cut_at, Mode mode);
int64_t Events();     // write, truncate and sync events so far in this run
bool PowerIsOut();    // the cut has happened
std::string CutPhase(); // the phase label (SetPhase) that was current at the cut
void SetPhase(const std::string& phase);

// After the code under test closed its connections: writes each file back as the disk
// holds it after the cut. Does nothing when the power never went.
void Restore();

} // namespace powercut
