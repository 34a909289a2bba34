/* SPDX-License-Identifier: GPL-2.0 */
/* Serial input routing (common/debug-keys.c): plain keys reach the
 * domain; Ctrl-] then a key is a debug key; three Ctrl-As switch all
 * input to the hypervisor (every key a debug key) and back, as on Xen;
 * fewer than three are the domain's once another key follows. */
#include "helpers.h"
#include <xeno/arch-domain.h>
#include <xeno/console.h>
#include <xeno/domain.h>
#include <xeno/event.h>
#include <xeno/evtchn-2l.h>
#include <xeno/evtchn-fifo.h>
#include <xeno/grant.h>
#include <xeno/hypercall.h>
#include <xeno/printk.h>
#include <xeno/setup.h>
#include <stdarg.h>

struct domain *domain_list[MAX_DOMAINS];
static struct domain dom = { .domain_id = 3, .state = DOMAIN_RUNNING };
static char got[256];
static unsigned int nr_got, nr_counts_printed, nr_switch_msgs;

void console_input(const char *s, unsigned int n)
{
	memcpy(got + nr_got, s, n);
	nr_got += n;
}

int arch_vcpu_describe(const struct vcpu *v, char *buf, size_t len)
{
	(void)v;
	return snprintf(buf, len, "-");
}
void gnttab_usage(struct domain *d, unsigned int *active, unsigned int *maps)
{
	(void)d;
	*active = *maps = 0;
}
unsigned long gnttab_heap_frames(struct domain *d)
{
	(void)d;
	return 3;
}

struct frame_pool xen_frames = { .nr_free = 1234 };
uint64_t domain_dead_record_pages(void)
{
	return 7;
}

/* The 'e' key's sources of truth, faked: port 3 pending, port 5 masked. */
bool evtchn_is_pending(struct domain *d, uint32_t port)
{
	(void)d;
	return port == 3;
}
bool evtchn_2l_is_masked(struct domain *d, uint32_t port)
{
	(void)d;
	return port == 5;
}
bool evtchn_fifo_peek_word(struct domain *d, uint32_t port, uint32_t *word)
{
	(void)d;
	*word = port == 3 ? 1u << EVTCHN_FIFO_LINKED : 0;
	return true;
}
void evtchn_fifo_dump_vcpu(struct vcpu *v)
{
	(void)v;
}

static char last_line[256];
static char all_lines[4096];

void printk(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(last_line, sizeof(last_line), fmt, ap);
	va_end(ap);
	if (strlen(all_lines) + strlen(last_line) < sizeof(all_lines))
		strcat(all_lines, last_line);
	if (strstr(fmt, "serial input to"))
		nr_switch_msgs++;
	/* The 'h' key: hypercall_print_counts' first line per domain. */
	if (strstr(fmt, "hypercalls (number:count)"))
		nr_counts_printed++;
}

/* 'm' prints the exact free count a toolstack test compares. */
static void test_m_key_free_frames(void **state)
{
	(void)state;
	debug_key_handle('m');
	assert_string_equal(last_line, "memory: 1234 frames free, 7 in dead domains' records, 3 in live domains' grant tables\n");
}

/* 'e': a header per domain, then each bound port with its peer, notify
 * vCPU and flags; free and reserved ports are left out. */
static void test_e_key_lists_bound_ports(void **state)
{
	static struct evtchn ports[8];
	static struct domain peer = { .domain_id = 0 };
	static struct shared_info si;
	static struct vcpu v0;

	(void)state;
	memset(ports, 0, sizeof(ports));
	ports[0].state = ECS_RESERVED;
	ports[1] = (struct evtchn){ .state = ECS_INTERDOMAIN, .u.inter = { &peer, 17 } };
	ports[3] = (struct evtchn){ .state = ECS_VIRQ, .notify_vcpu = 0, .u.virq = 1 };
	ports[5] = (struct evtchn){ .state = ECS_UNBOUND, .u.unbound_remote = 0 };
	v0.vcpu_info = &si.vcpu_info[0];
	dom.vcpu[0] = &v0;
	dom.max_vcpus = 1;
	dom.evtchn = ports;
	dom.max_evtchns = dom.valid_evtchns = 8;
	all_lines[0] = '\0';
	debug_key_handle('e');
	assert_non_null(strstr(all_lines, "d3 event channels (2-level ABI, 8 ports allocated):\n"));
	assert_non_null(strstr(all_lines, " 1:i0/17 v0 --"));
	assert_non_null(strstr(all_lines, " 3:v1 v0 P-"));
	assert_non_null(strstr(all_lines, " 5:u0 v0 -M"));
	assert_null(strstr(all_lines, " 2:"));
	dom.evtchn_fifo = (struct evtchn_fifo *)&si;   /* any non-NULL: FIFO */
	all_lines[0] = '\0';
	debug_key_handle('e');
	assert_non_null(strstr(all_lines, "(FIFO ABI"));
	assert_non_null(strstr(all_lines, " 3:v1 v0 P-L-"));
	dom.evtchn_fifo = NULL;
	dom.evtchn = NULL;
	dom.vcpu[0] = NULL;
}

static int setup(void **state)
{
	(void)state;
	nr_got = nr_counts_printed = nr_switch_msgs = 0;
	domain_list[0] = &dom;   /* one domain: one line per 'h' */
	memset(got, 0, sizeof(got));
	return 0;
}

static void feed(const char *s)
{
	console_serial_input(s, (unsigned int)strlen(s));
}

static void test_plain_keys_reach_the_domain(void **state)
{
	(void)state;
	feed("ls\r");
	assert_int_equal(nr_got, 3);
	assert_memory_equal(got, "ls\r", 3);
}

static void test_ctrl_bracket_debug_key(void **state)
{
	(void)state;
	feed("a\x1dhb");
	assert_int_equal(nr_counts_printed, 1);
	assert_int_equal(nr_got, 2);
	assert_memory_equal(got, "ab", 2);
	feed("\x1d\x1d");   /* doubled: a literal Ctrl-] for the domain */
	assert_int_equal(nr_got, 3);
	assert_int_equal(got[2], 0x1d);
}

static void test_triple_ctrl_a_switches(void **state)
{
	(void)state;
	feed("\x01\x01\x01");
	assert_int_equal(nr_switch_msgs, 1);
	feed("hh");   /* now every key is a debug key */
	assert_int_equal(nr_counts_printed, 2);
	assert_int_equal(nr_got, 0);
	feed("\x01\x01\x01x");   /* back to the domain */
	assert_int_equal(nr_switch_msgs, 2);
	assert_int_equal(nr_got, 1);
	assert_int_equal(got[0], 'x');
}

static void test_fewer_ctrl_a_are_passed_on(void **state)
{
	(void)state;
	feed("\x01\x01y");
	assert_int_equal(nr_switch_msgs, 0);
	assert_int_equal(nr_got, 3);
	assert_memory_equal(got, "\x01\x01y", 3);
	feed("\x01");   /* held back until the next key... */
	assert_int_equal(nr_got, 3);
	feed("\x01\x01");   /* ...which makes three: a switch, nothing passed */
	assert_int_equal(nr_switch_msgs, 1);
	assert_int_equal(nr_got, 3);
	feed("\x01\x01\x01");
	assert_int_equal(nr_switch_msgs, 2);
}

/* A long burst (the UART's whole FIFO, or more) reaches the domain
 * whole: nothing is dropped however long the call. */
static void test_long_burst_kept(void **state)
{
	char burst[100];

	(void)state;
	for (unsigned int i = 0; i < sizeof(burst); i++)
		burst[i] = (char)('a' + i % 26);
	console_serial_input(burst, sizeof(burst));
	assert_int_equal(nr_got, sizeof(burst));
	assert_memory_equal(got, burst, sizeof(burst));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_plain_keys_reach_the_domain, setup),
		cmocka_unit_test_setup(test_m_key_free_frames, setup),
		cmocka_unit_test_setup(test_e_key_lists_bound_ports, setup),
		cmocka_unit_test_setup(test_ctrl_bracket_debug_key, setup),
		cmocka_unit_test_setup(test_triple_ctrl_a_switches, setup),
		cmocka_unit_test_setup(test_fewer_ctrl_a_are_passed_on, setup),
		cmocka_unit_test_setup(test_long_burst_kept, setup),
	};

	return RUN(tests);
}
