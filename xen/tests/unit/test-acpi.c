/* SPDX-License-Identifier: GPL-2.0 */
/* ACPI walk to the MADT over a fake physical memory: RSDT and XSDT paths,
 * checksums, bad lengths, disabled CPUs, duplicate IDs, missing MADT. */
#include "helpers.h"
#include <asm/acpi.h>
#include <xeno/errno.h>

#define MEM_SIZE 0x10000
#define RSDT_PA  0x1000
#define XSDT_PA  0x2000
#define MADT_PA  0x3000
#define FACP_PA  0x4000

static uint8_t mem[MEM_SIZE];
static uint8_t rsdp[36];

static const void *map(uint64_t pa, size_t len)
{
	if (pa >= MEM_SIZE || len > MEM_SIZE - pa)
		return NULL;
	return mem + pa;
}

static void fix_checksum(uint8_t *p, size_t len, size_t at)
{
	uint8_t sum = 0;

	p[at] = 0;
	for (size_t i = 0; i < len; i++)
		sum += p[i];
	p[at] = (uint8_t)-sum;
}

static void put32(uint8_t *p, uint32_t v) { memcpy(p, &v, 4); }
static void put64(uint8_t *p, uint64_t v) { memcpy(p, &v, 8); }

static void sdt(uint64_t pa, const char *sig, uint32_t len)
{
	memcpy(mem + pa, sig, 4);
	put32(mem + pa + 4, len);
	fix_checksum(mem + pa, len, 9);
}

/* MADT with CPUs: (apic id, flags) pairs, then an x2APIC entry. */
static uint32_t build_madt(const uint8_t (*cpus)[2], int n, uint32_t x2id, uint32_t x2flags)
{
	uint32_t off = 44;

	memset(mem + MADT_PA, 0, 0x1000);
	put32(mem + MADT_PA + 36, 0xfee00000);
	for (int i = 0; i < n; i++) {
		uint8_t *e = mem + MADT_PA + off;

		e[0] = 0;
		e[1] = 8;
		e[2] = (uint8_t)i;
		e[3] = cpus[i][0];
		put32(e + 4, cpus[i][1]);
		off += 8;
	}
	if (x2flags != 0xffffffff) {
		uint8_t *e = mem + MADT_PA + off;

		e[0] = 9;
		e[1] = 16;
		put32(e + 4, x2id);
		put32(e + 8, x2flags);
		off += 16;
	}
	sdt(MADT_PA, "APIC", off);
	return off;
}

static void build_roots(void)
{
	/* RSDT -> FACP, MADT ; XSDT -> FACP, MADT */
	memset(mem + RSDT_PA, 0, 0x2000);
	put32(mem + RSDT_PA + 36, FACP_PA);
	put32(mem + RSDT_PA + 40, MADT_PA);
	sdt(RSDT_PA, "RSDT", 44);
	put64(mem + XSDT_PA + 36, FACP_PA);
	put64(mem + XSDT_PA + 44, MADT_PA);
	sdt(XSDT_PA, "XSDT", 52);
	sdt(FACP_PA, "FACP", 36);
}

static void build_rsdp(int revision)
{
	memset(rsdp, 0, sizeof(rsdp));
	memcpy(rsdp, "RSD PTR ", 8);
	rsdp[15] = (uint8_t)revision;
	put32(rsdp + 16, RSDT_PA);
	put32(rsdp + 20, 36);
	put64(rsdp + 24, revision >= 2 ? XSDT_PA : 0);
	fix_checksum(rsdp, 20, 8);
	fix_checksum(rsdp, 36, 32);
}

static int setup(void **state)
{
	static const uint8_t cpus[][2] = { { 0, 1 }, { 1, 1 }, { 5, 0 }, { 7, 1 } };

	memset(mem, 0, sizeof(mem));
	build_madt(cpus, 4, 0, 0xffffffff);
	build_roots();
	build_rsdp(2);
	return 0;
}

static void test_xsdt_path(void **state)
{
	struct acpi_cpus c;

	assert_int_equal(acpi_find_cpus(rsdp, 36, map, &c), 0);
	assert_int_equal(c.nr, 3);   /* APIC ID 5 is disabled */
	assert_int_equal(c.apic_id[0], 0);
	assert_int_equal(c.apic_id[1], 1);
	assert_int_equal(c.apic_id[2], 7);
	assert_int_equal(c.lapic_addr, 0xfee00000);
}

static void test_rsdt_path(void **state)
{
	struct acpi_cpus c;

	build_rsdp(0);
	assert_int_equal(acpi_find_cpus(rsdp, 20, map, &c), 0);
	assert_int_equal(c.nr, 3);
}

static void test_x2apic_entry_and_duplicate(void **state)
{
	static const uint8_t cpus[][2] = { { 0, 1 }, { 1, 1 } };
	struct acpi_cpus c;

	build_madt(cpus, 2, 1, 1);   /* x2APIC entry repeats ID 1 */
	assert_int_equal(acpi_find_cpus(rsdp, 36, map, &c), 0);
	assert_int_equal(c.nr, 2);
	build_madt(cpus, 2, 300, 1);
	assert_int_equal(acpi_find_cpus(rsdp, 36, map, &c), 0);
	assert_int_equal(c.nr, 3);
	assert_int_equal(c.apic_id[2], 300);
}

static void test_bad_rsdp(void **state)
{
	struct acpi_cpus c;

	assert_int_equal(acpi_find_cpus(NULL, 36, map, &c), -EINVAL);
	assert_int_equal(acpi_find_cpus(rsdp, 19, map, &c), -EINVAL);
	rsdp[0] = 'X';
	assert_int_equal(acpi_find_cpus(rsdp, 36, map, &c), -EINVAL);
	build_rsdp(2);
	rsdp[30] ^= 1;   /* extended checksum broken */
	assert_int_equal(acpi_find_cpus(rsdp, 36, map, &c), -EINVAL);
}

static void test_bad_madt_checksum(void **state)
{
	struct acpi_cpus c;

	mem[MADT_PA + 50] ^= 0x40;
	assert_int_equal(acpi_find_cpus(rsdp, 36, map, &c), -EINVAL);
}

static void test_madt_entry_length_zero(void **state)
{
	static const uint8_t cpus[][2] = { { 0, 1 } };
	struct acpi_cpus c;
	uint32_t len = build_madt(cpus, 1, 0, 0xffffffff);

	/* An entry of length 0 would make the walk spin forever. */
	mem[MADT_PA + len] = 0;
	mem[MADT_PA + len + 1] = 0;
	sdt(MADT_PA, "APIC", len + 2);
	assert_int_equal(acpi_find_cpus(rsdp, 36, map, &c), -EINVAL);
}

static void test_madt_entry_past_end(void **state)
{
	static const uint8_t cpus[][2] = { { 0, 1 } };
	struct acpi_cpus c;
	uint32_t len = build_madt(cpus, 1, 0, 0xffffffff);

	mem[MADT_PA + len] = 0;
	mem[MADT_PA + len + 1] = 40;   /* claims more than the table holds */
	sdt(MADT_PA, "APIC", len + 8);
	assert_int_equal(acpi_find_cpus(rsdp, 36, map, &c), -EINVAL);
}

static void test_table_length_out_of_memory(void **state)
{
	struct acpi_cpus c;

	put32(mem + XSDT_PA + 4, 0x7fffffff);
	assert_int_equal(acpi_find_cpus(rsdp, 36, map, &c), -EINVAL);
	put32(mem + XSDT_PA + 4, 10);   /* shorter than a header */
	assert_int_equal(acpi_find_cpus(rsdp, 36, map, &c), -EINVAL);
}

static void test_pointer_outside_memory(void **state)
{
	struct acpi_cpus c;

	put32(rsdp + 16, 0xfffff000);
	build_rsdp(0);
	put32(rsdp + 16, 0xfffff000);
	fix_checksum(rsdp, 20, 8);
	assert_int_equal(acpi_find_cpus(rsdp, 20, map, &c), -EINVAL);
}

static void test_no_madt(void **state)
{
	struct acpi_cpus c;

	memcpy(mem + MADT_PA, "SSDT", 4);
	sdt(MADT_PA, "SSDT", 44);
	assert_int_equal(acpi_find_cpus(rsdp, 36, map, &c), -ENOENT);
}

static void test_too_many_cpus_capped(void **state)
{
	uint8_t cpus[ACPI_MAX_CPUS + 10][2];
	struct acpi_cpus c;

	for (int i = 0; i < ACPI_MAX_CPUS + 10; i++) {
		cpus[i][0] = (uint8_t)i;
		cpus[i][1] = 1;
	}
	build_madt((const uint8_t (*)[2])cpus, ACPI_MAX_CPUS + 10, 0, 0xffffffff);
	assert_int_equal(acpi_find_cpus(rsdp, 36, map, &c), 0);
	assert_int_equal(c.nr, ACPI_MAX_CPUS);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_xsdt_path, setup),
		cmocka_unit_test_setup(test_rsdt_path, setup),
		cmocka_unit_test_setup(test_x2apic_entry_and_duplicate, setup),
		cmocka_unit_test_setup(test_bad_rsdp, setup),
		cmocka_unit_test_setup(test_bad_madt_checksum, setup),
		cmocka_unit_test_setup(test_madt_entry_length_zero, setup),
		cmocka_unit_test_setup(test_madt_entry_past_end, setup),
		cmocka_unit_test_setup(test_table_length_out_of_memory, setup),
		cmocka_unit_test_setup(test_pointer_outside_memory, setup),
		cmocka_unit_test_setup(test_no_madt, setup),
		cmocka_unit_test_setup(test_too_many_cpus_capped, setup),
	};

	return RUN(tests);
}
