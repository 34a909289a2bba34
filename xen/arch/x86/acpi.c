/* SPDX-License-Identifier: GPL-2.0 */
/* ACPI table walk to the MADT. Every length is checked before it is used
 * and every checksum verified: firmware tables are input like any other. */
#include <asm/acpi.h>
#include <xeno/errno.h>
#include <xeno/lib.h>

#define SDT_HEADER_LEN 36
#define SDT_MAX_LEN    (1U << 20)
#define MADT_LAPIC     0
#define MADT_X2APIC    9
#define MADT_IOAPIC    1
#define MADT_ISO       2

static uint32_t rd32(const uint8_t *p)
{
	uint32_t v;

	memcpy(&v, p, 4);
	return v;
}

static uint64_t rd64(const uint8_t *p)
{
	uint64_t v;

	memcpy(&v, p, 8);
	return v;
}

static bool checksum_ok(const uint8_t *p, size_t len)
{
	uint8_t sum = 0;

	for (size_t i = 0; i < len; i++)
		sum += p[i];
	return sum == 0;
}

/* Map a whole table at pa after checking its header; NULL if invalid. */
static const uint8_t *map_table(uint64_t pa, acpi_map_t map, uint32_t *len)
{
	const uint8_t *h = map(pa, SDT_HEADER_LEN);
	const uint8_t *t;

	if (!h)
		return NULL;
	*len = rd32(h + 4);
	if (*len < SDT_HEADER_LEN || *len > SDT_MAX_LEN)
		return NULL;
	t = map(pa, *len);
	if (!t || !checksum_ok(t, *len))
		return NULL;
	return t;
}

static void add_cpu(struct acpi_cpus *out, uint32_t id)
{
	for (unsigned int i = 0; i < out->nr; i++)
		if (out->apic_id[i] == id)
			return;   /* listed twice (LAPIC and x2APIC): once is enough */
	if (out->nr < ACPI_MAX_CPUS)
		out->apic_id[out->nr++] = id;
}

static void add_ioapic(struct acpi_cpus *out, const uint8_t *e)
{
	if (out->nr_ioapics++)
		return;
	out->ioapic_id = e[2];
	out->ioapic_addr = rd32(e + 4);
	out->ioapic_gsi_base = rd32(e + 8);
}

static int parse_madt(const uint8_t *t, uint32_t len, struct acpi_cpus *out)
{
	uint32_t off = SDT_HEADER_LEN + 8;

	if (len < off)
		return -EINVAL;
	out->lapic_addr = rd32(t + SDT_HEADER_LEN);
	while (off + 2 <= len) {
		uint8_t type = t[off], elen = t[off + 1];

		if (elen < 2 || elen > len - off)
			return -EINVAL;
		if (type == MADT_LAPIC && elen >= 8 && (rd32(t + off + 4) & 1))
			add_cpu(out, t[off + 3]);
		else if (type == MADT_X2APIC && elen >= 16 && (rd32(t + off + 8) & 1))
			add_cpu(out, rd32(t + off + 4));
		else if (type == MADT_IOAPIC && elen >= 12)
			add_ioapic(out, t + off);
		else if (type == MADT_ISO && elen >= 10 && t[off + 2] == 0 &&
			 out->nr_isos < ACPI_MAX_ISOS)
			out->iso[out->nr_isos++] = (struct acpi_iso){
				.source = t[off + 3], .gsi = rd32(t + off + 4),
				.flags = (uint16_t)(t[off + 8] | t[off + 9] << 8),
			};
		off += elen;
	}
	return 0;
}

int acpi_find_cpus(const void *rsdp_v, size_t rsdp_len, acpi_map_t map,
		   struct acpi_cpus *out)
{
	const uint8_t *rsdp = rsdp_v;
	const uint8_t *root;
	uint32_t root_len, ptr_size;
	uint64_t root_pa;

	memset(out, 0, sizeof(*out));
	if (!rsdp || rsdp_len < 20 || memcmp(rsdp, "RSD PTR ", 8) || !checksum_ok(rsdp, 20))
		return -EINVAL;
	if (rsdp[15] >= 2 && rsdp_len >= 36 && rd64(rsdp + 24)) {
		if (!checksum_ok(rsdp, 36))
			return -EINVAL;
		root_pa = rd64(rsdp + 24);
		ptr_size = 8;
	} else {
		root_pa = rd32(rsdp + 16);
		ptr_size = 4;
	}
	root = map_table(root_pa, map, &root_len);
	if (!root || memcmp(root, ptr_size == 8 ? "XSDT" : "RSDT", 4))
		return -EINVAL;
	for (uint32_t off = SDT_HEADER_LEN; off + ptr_size <= root_len; off += ptr_size) {
		uint64_t pa = ptr_size == 8 ? rd64(root + off) : rd32(root + off);
		const uint8_t *h = map(pa, SDT_HEADER_LEN);
		const uint8_t *t;
		uint32_t len;

		if (!h || memcmp(h, "APIC", 4))
			continue;
		t = map_table(pa, map, &len);
		if (!t)
			return -EINVAL;
		return parse_madt(t, len, out);
	}
	return -ENOENT;
}

/* \_S5's SLP_TYPa/b from the DSDT's AML: Name(_S5, Package(){a, b, ...}).
 * Only the encodings firmware uses for small integers are understood
 * (ZeroOp, OneOp, BytePrefix); anything else leaves the default 0. */
static void find_s5(const uint8_t *dsdt, uint32_t len, struct acpi_sleep *out)
{
	for (uint32_t i = SDT_HEADER_LEN; i + 12 < len; i++) {
		const uint8_t *p = dsdt + i;
		uint32_t at;

		if (memcmp(p, "_S5_", 4) || p[4] != 0x12)   /* PackageOp */
			continue;
		at = 5 + ((p[5] >> 6) & 3) + 1 + 1;   /* PkgLength bytes, NumElements */
		for (unsigned int k = 0; k < 2 && i + at + 1 < len; k++) {
			uint8_t op = p[at];

			if (op == 0x0a) {
				out->slp_typ[k] = p[at + 1];
				at += 2;
			} else if (op == 0x00 || op == 0x01) {
				out->slp_typ[k] = op;
				at += 1;
			} else {
				break;
			}
		}
		return;
	}
}

int acpi_find_sleep(const void *rsdp_v, size_t rsdp_len, acpi_map_t map,
		    struct acpi_sleep *out)
{
	const uint8_t *rsdp = rsdp_v, *root, *fadt = NULL, *dsdt;
	uint32_t root_len, ptr_size, fadt_len = 0, dsdt_len;
	uint64_t root_pa, dsdt_pa;

	memset(out, 0, sizeof(*out));
	if (!rsdp || rsdp_len < 20 || memcmp(rsdp, "RSD PTR ", 8) || !checksum_ok(rsdp, 20))
		return -EINVAL;
	if (rsdp[15] >= 2 && rsdp_len >= 36 && rd64(rsdp + 24)) {
		root_pa = rd64(rsdp + 24);
		ptr_size = 8;
	} else {
		root_pa = rd32(rsdp + 16);
		ptr_size = 4;
	}
	root = map_table(root_pa, map, &root_len);
	if (!root)
		return -EINVAL;
	for (uint32_t off = SDT_HEADER_LEN; off + ptr_size <= root_len && !fadt; off += ptr_size) {
		uint64_t pa = ptr_size == 8 ? rd64(root + off) : rd32(root + off);
		const uint8_t *h = map(pa, SDT_HEADER_LEN);

		if (h && !memcmp(h, "FACP", 4))
			fadt = map_table(pa, map, &fadt_len);
	}
	if (!fadt || fadt_len < 72)
		return -ENOENT;
	out->pm1a_cnt = rd32(fadt + 64);
	out->pm1b_cnt = rd32(fadt + 68);
	dsdt_pa = fadt_len >= 148 && rd64(fadt + 140) ? rd64(fadt + 140) : rd32(fadt + 40);
	dsdt = map_table(dsdt_pa, map, &dsdt_len);
	if (dsdt && !memcmp(dsdt, "DSDT", 4))
		find_s5(dsdt, dsdt_len, out);
	return out->pm1a_cnt ? 0 : -ENOENT;
}
