/* SPDX-License-Identifier: GPL-2.0 */
/*
 * tools/umm/kernel/compare.h - ./umm compare: one script, umm and Linux
 *
 * The host side of the comparison with Debian's own kernel under QEMU
 * (Documentation/umm/design.rst; the guest agent's protocol is in
 * compare.rst, beside it).  Host code with libc, linked into
 * libumm.a beside the kernel: every global name here carries a prefix
 * that no kernel symbol has (compare_, qemu_, agent_, qmp_, kcache_).
 *
 * The parts, one file each:
 *   script.c        the console's syntax: a script split into commands,
 *                   and which of them the host runs itself
 *   guest_params.c  umm's parameters as QEMU and the guest take them
 *   parse.c         the kernel's files: vmstat, buddyinfo, mm_stat,
 *                   meminfo, kprobe_profile, umm's migrated
 *   sides.c         what one side of the comparison read
 *   ktable.c        the side-by-side table
 *   cache.c         the Linux side's result, kept on disk
 *   initrd_id.c     what an initramfs holds, for the cache's key
 *   linebuf.c       lines from a socket, with a deadline
 *   agent.c         the guest agent's protocol
 *   qmp.c           the QEMU monitor protocol
 *   balloon.c       the console's balloon commands, through QMP
 *   qemu.c          QEMU started and stopped, in a private directory
 *   linux_boot.c    the Linux side: its images, the cache, a boot
 *   linux.c         the script run in the booted guest
 *   umm_side.c      the script run in umm (a child process)
 *   krecord.c       the Linux side as record lines, for scenario tables
 *   kscenario.c     ./umm scenario NAME --kernel: the Linux column
 *   compare.c       the command line
 */
#ifndef _TOOLS_UMM_KERNEL_COMPARE_H
#define _TOOLS_UMM_KERNEL_COMPARE_H

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <sys/types.h>

#define COMPARE_ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

/* ---- script.c ---------------------------------------------------------- */

/* Who runs a command on the Linux side. */
enum compare_where {
	COMPARE_AGENT,		/* sent to the guest agent */
	COMPARE_HOST_BALLOON,	/* balloon SIZE: QMP */
	COMPARE_HOST_INFO,	/* info ...: QMP */
	COMPARE_HOST_PHASE,	/* phase NAME: the host notes the time */
	COMPARE_HOST_SNAPSHOT,	/* snapshot NAME: umm only, n/a */
};

struct compare_script {
	char **cmd;		/* one console command each, no comment */
	int nr;
};

int compare_split_script(const char *text, struct compare_script *s);
void compare_free_script(struct compare_script *s);
enum compare_where compare_where(const char *cmd);
int compare_cmd_words(const char *cmd, char **argv, int max, char *buf,
		      size_t size);

/* ---- guest_params.c ---------------------------------------------------------- */

#define COMPARE_DEFAULT_MEM_MIB	512
#define COMPARE_MAX_PARAMS	64

struct compare_params {
	char **param;		/* as given: name=value */
	int nr;
	unsigned long mem_mib;	/* mem=, the guest's -m */
	/*
	 * Of mem_mib, what the guest got beyond the script's memory for its
	 * own kernel (pressure matching): `balloon` adds it to its targets.
	 */
	unsigned long extra_mib;
	char append[512];	/* what the guest's kernel command line gets */
	char umm_only[512];	/* those Linux has no equivalent of */
};

int compare_parse_size_mib(const char *s, unsigned long *mib);
int compare_translate_params(struct compare_params *p);

/* ---- parse.c ----------------------------------------------------------- */

#define COMPARE_MAX_ORDER	11
#define COMPARE_MAX_KV		320
#define COMPARE_KEY_LEN		48

struct compare_kv {
	char key[COMPARE_KEY_LEN];
	unsigned long long val;
};

struct compare_kvs {
	struct compare_kv kv[COMPARE_MAX_KV];
	int nr;
};

struct compare_buddy {
	unsigned long long free[COMPARE_MAX_ORDER];	/* all zones */
	int nr_orders;
};

struct compare_mm_stat {
	unsigned long long orig, compr, used;
};

int compare_parse_kvs(const char *text, struct compare_kvs *kvs);
const unsigned long long *compare_kv_find(const struct compare_kvs *kvs,
					  const char *key);
int compare_parse_buddyinfo(const char *text, struct compare_buddy *b);
unsigned long long compare_blocks_2m(const struct compare_buddy *b);
int compare_parse_mm_stat(const char *text, struct compare_mm_stat *m);
int compare_parse_meminfo(const char *text, const char *key,
			  unsigned long long *kb);
int compare_parse_kprobe_profile(const char *text, const char *event,
				 unsigned long long *hits);

/* ---- sides.c: what one side read --------------------------------------- */

/* The files read around the script, on both sides. */
enum compare_file {
	CF_VMSTAT,
	CF_BUDDYINFO,
	CF_MM_STAT,
	CF_MEMINFO,
	CF_MIGRATED,		/* umm: debugfs umm/migrated; Linux: kprobe_profile */
	NR_COMPARE_FILES,
};

extern const char * const compare_file_names[NR_COMPARE_FILES];

#define COMPARE_LABEL_LEN	64
#define COMPARE_ERR_LEN		256
#define COMPARE_PHASE_LEN	32
#define COMPARE_MAX_PHASES	16

struct compare_side {
	char label[COMPARE_LABEL_LEN];	/* "umm", "Linux 6.1.0-57-amd64" */
	bool is_linux;
	bool cached;
	char *file[2][NR_COMPARE_FILES];	/* [before/after], text or NULL */
	double wall;			/* seconds, boot included */
	double script_time;		/* seconds, the script alone */
	int status;			/* 0 ok, 1 a command failed, 2 no run */
	char failed_cmd[COMPARE_ERR_LEN];
	char error[COMPARE_ERR_LEN];	/* the failed command's error line */
	char notes[COMPARE_ERR_LEN];	/* n/a commands, parameters left out */
	char *transcript;		/* what the script printed */
	size_t transcript_len;
	/*
	 * Linux: "SECONDS @ LINE" for each record line the guest's output and
	 * the host's phases gave, in umm's record format (krecord.c).
	 */
	char *record;
	size_t record_len;
	struct compare_phase {
		char name[COMPARE_PHASE_LEN];
		double t;		/* seconds into the script */
	} phase[COMPARE_MAX_PHASES];
	int nr_phases;
};

void compare_side_init(struct compare_side *side, const char *label,
		       bool is_linux);
void compare_side_free(struct compare_side *side);
void compare_side_set_file(struct compare_side *side, int after,
			   enum compare_file f, const char *text, size_t len);
void compare_side_append(struct compare_side *side, const char *text,
			 size_t len);
void compare_side_note(struct compare_side *side, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void compare_side_fail(struct compare_side *side, const char *cmd,
		       const char *error);
void compare_side_phase(struct compare_side *side, const char *cmd, double t);
int compare_side_write(FILE *f, const struct compare_side *side);
int compare_side_read(FILE *f, struct compare_side *side);

/* ---- ktable.c ---------------------------------------------------------- */

#define COMPARE_TABLE_WIDTH	100

void compare_print_table(FILE *f, const struct compare_side *sides, int nr);

/* ---- cache.c ----------------------------------------------------------- */

/* 4: balloon targets count from the script's memory, not the guest's */
#define KCACHE_FORMAT		4

struct kcache_key {
	const char *script;
	const struct compare_params *params;
	const char *release;
	const char *kernel;	/* the image's path: its size and mtime */
	const char *initrd;	/* likewise */
};

unsigned long long kcache_fnv(unsigned long long h, const void *p, size_t n);
unsigned long long kcache_hash_file(unsigned long long h, const char *path);
unsigned long long kcache_hash_initrd(unsigned long long h, const char *path);
unsigned long long kcache_hash(const struct kcache_key *k);
int kcache_dir(char *buf, size_t size);
int kcache_path(char *buf, size_t size, unsigned long long hash);
int kcache_load(const char *path, struct compare_side *side);
int kcache_store(const char *path, const struct compare_side *side);

/* ---- qemu.c ------------------------------------------------------------ */

struct qemu_opts {
	const char *binary;	/* qemu-system-x86_64, or $UMM_QEMU */
	const char *kernel;
	const char *initrd;
	const char *append;	/* added to the fixed kernel command line */
	unsigned long mem_mib;
	bool kvm;
};

struct qemu {
	pid_t pid;
	char dir[256];		/* the private directory */
	char console[300];	/* ttyS0's log */
	char data_path[300];	/* ttyS1's socket */
	char qmp_path[300];
	int data_fd, qmp_fd;
	int exit_status;	/* once reaped: as waitpid's, or -1 */
	sig_atomic_t *stop;	/* see struct compare_lb */
};

int qemu_find_binary(const char *name, char *path, size_t size);
int qemu_start(struct qemu *q, const struct qemu_opts *o);
int qemu_connect(struct qemu *q, int timeout_ms);
bool qemu_exited(struct qemu *q);
int qemu_wait(struct qemu *q, int timeout_ms);
void qemu_stop(struct qemu *q);
void qemu_console_tail(const struct qemu *q, FILE *f, int lines);
int qemu_kernel_release(const char *image, char *release, size_t size);

/* ---- linebuf.c: lines from a socket, with a deadline ------------------ */

struct compare_lb {
	int fd;
	char buf[8192];		/* received, not yet taken as lines */
	size_t len;
	/*
	 * Set by a signal handler: give up now.  It is read after a system
	 * call returns (poll, read), which the compiler cannot see through.
	 */
	sig_atomic_t *stop;
};

void compare_lb_init(struct compare_lb *lb, int fd, sig_atomic_t *stop);
int compare_lb_read(struct compare_lb *lb, char *line, size_t size,
		    int timeout_ms);
int compare_write_all(int fd, const char *buf, size_t len);

/* ---- agent.c ----------------------------------------------------------- */

int agent_wait_ready(struct compare_lb *a, char *release, size_t size,
		     int timeout_ms);
int agent_command(struct compare_lb *a, const char *cmd, int timeout_ms,
		  void (*out)(void *, const char *), void *arg);
int agent_quit(struct compare_lb *a);
const char *agent_unescape(const char *line);

/* ---- qmp.c ------------------------------------------------------------- */

enum qmp_kind { QMP_GREETING, QMP_RETURN, QMP_ERROR, QMP_EVENT };

int qmp_format_balloon(char *buf, size_t size, unsigned long long bytes);
int qmp_reply_kind(const char *msg);
int qmp_reply_actual(const char *msg, unsigned long long *actual);
int qmp_reply_error(const char *msg, char *desc, size_t size);
int qmp_handshake(struct compare_lb *m, int timeout_ms);
int qmp_execute(struct compare_lb *m, const char *cmd, char *reply,
		size_t size, int timeout_ms);
int qmp_query_actual(struct compare_lb *m, unsigned long long *actual);
int qmp_parse_target(const char *s, unsigned long long *bytes);

/* The console's balloon commands, answered through QMP. */
struct qmp_balloon {
	struct compare_lb *m;
	unsigned long long ram;		/* the guest's memory, bytes */
	unsigned long long extra;	/* of it, beyond the script's */
	int stall_ms;			/* no progress this long: stalled */
	int poll_ms;
};

int qmp_cmd_balloon(struct qmp_balloon *b, int argc, char **argv,
		    FILE *out, char *err, size_t size);
int qmp_cmd_info(struct qmp_balloon *b, int argc, char **argv, FILE *out,
		 char *err, size_t size);

/* ---- krecord.c: the Linux side as a scenario run's record --------------- */

struct scenario_run;

void krecord_add(struct compare_side *side, double t, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void krecord_buddy(struct compare_side *side, const char *label,
		   const char *buddyinfo, double t);
void krecord_output(struct compare_side *side, const char *line, double t);
int compare_side_delta(const struct compare_side *s, enum compare_file f,
		       const char *key, long long *d);
bool compare_linux_migrated(const struct compare_side *s, const char *kind,
			    long long *d);
int krecord_to_run(const struct compare_side *side, struct scenario_run *run);

/* ---- kscenario.c: a scenario's Linux column ---------------------------- */

struct compare_scenario {
	const char *name;	/* the scenario's, for messages */
	const char *text;	/* its script */
	/* Its "# boot:" words, then the user's: the words are kept. */
	char **params;
	int nr_params;
	unsigned long seed;	/* umm.seed= of the umm runs */
};

struct kscenario;

struct kscenario *compare_scenario_prepare(const struct compare_scenario *cs);
int compare_scenario_run(struct kscenario *k, struct scenario_run *run);
void compare_scenario_free(struct kscenario *k);

/* ---- linux.c, umm_side.c, compare.c ------------------------------------ */

struct compare_opts {
	const char *script;		/* the script's text */
	const char *script_name;	/* -c or the file's name */
	struct compare_params params;
	const char *kernel, *initrd;	/* given, or from mkinitramfs.sh */
	const char *mkinitramfs;
	const char *qemu;
	const char *accel;		/* auto, kvm or tcg */
	int boot_timeout_s, cmd_timeout_s;
	bool no_cache;
	bool show_output;
	bool tty;			/* progress on stderr */
	sig_atomic_t *stop;		/* see struct compare_lb */
};

/* The Linux side, made ready before anything runs. */
struct linux_prep {
	char kernel[4096], initrd[4096];
	char release[128];	/* from the kernel image's header */
	char qemu[4096];
	char cache[4200];	/* the cache entry's path, or "" */
	bool kvm;		/* try KVM first */
};

int compare_prepare_linux(const struct compare_opts *o,
			  const struct compare_script *s, struct linux_prep *p,
			  struct compare_side *side);
int compare_run_linux(const struct compare_opts *o, const struct linux_prep *p,
		      const struct compare_script *s, struct compare_side *side);
char *compare_umm_text(const struct compare_params *p,
		       const struct compare_script *s);
int compare_run_umm(const struct compare_opts *o,
		    const struct compare_script *s, struct compare_side *side);
void compare_default_opts(struct compare_opts *o, char **params);
int compare_finish_opts(struct compare_opts *o);
void compare_catch_signals(void);
void compare_progress(const struct compare_opts *o, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
double compare_now(void);

#endif /* _TOOLS_UMM_KERNEL_COMPARE_H */
