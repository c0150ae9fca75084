import Foundation

struct SpawnFailure: Error { let status: Int32 }

/// Runs `path` with `arguments`, output discarded, and waits for it: the
/// cheapest way to start a process, so its time is the program's own.
func spawnAndWait(_ path: String, _ arguments: [String]) throws {
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
    let argv = ([path] + arguments).map { strdup($0) } + [nil]
    defer { argv.forEach { free($0) } }
    var pid = pid_t()
    let spawned = posix_spawn(&pid, path, &actions, nil, argv, environ)
    guard spawned == 0 else { throw SpawnFailure(status: spawned) }
    var status: Int32 = 0
    waitpid(pid, &status, 0)
    guard status == 0 else { throw SpawnFailure(status: status) }
}
