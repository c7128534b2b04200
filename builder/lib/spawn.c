/* SPDX-License-Identifier: MIT */
/*
 * fork + execvp + waitpid. The child exits 127 when exec fails, as a shell
 * would, and the parent reports that as "could not be started".
 */
#include "spawn.h"

#include <fcntl.h>
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

int spawn_run(const char *const argv[], const char *stdout_path)
{
	int status;

	fflush(stdout);
	fflush(stderr);
	pid_t pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		if (stdout_path) {
			int fd = open(stdout_path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
			if (fd < 0 || dup2(fd, 1) < 0)
				_exit(127);
			close(fd);
		}
		execvp(argv[0], (char *const *)argv);
		_exit(127);
	}
	if (waitpid(pid, &status, 0) < 0 || !WIFEXITED(status))
		return -1;
	if (WEXITSTATUS(status) == 127)
		return -1;
	return WEXITSTATUS(status);
}
