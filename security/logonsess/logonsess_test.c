// SPDX-License-Identifier: GPL-2.0-only
/*
 * Logon sessions LSM - KUnit tests
 *
 * Run with: ./tools/testing/kunit/kunit.py run --kunitconfig=security/logonsess
 */

#include <kunit/test.h>
#include <linux/cred.h>
#include <linux/string.h>
#include <uapi/linux/logonsess.h>

#include "boot.h"
#include "cred.h"
#include "label_value.h"
#include "logon_type.h"
#include "session.h"
#include "setup.h"
#include "sid.h"

static void sid_expect_round_trip(struct kunit *test, const char *in,
				  const char *canonical)
{
	char buf[LOGONSESS_SID_BUF_SIZE];
	struct logonsess_sid sid;

	KUNIT_ASSERT_EQ_MSG(test, logonsess_sid_parse(in, &sid), 0, "%s", in);
	KUNIT_EXPECT_EQ(test, logonsess_sid_format(&sid, buf),
			(int)strlen(canonical));
	KUNIT_EXPECT_STREQ(test, buf, canonical);
}

static void sid_parse_valid(struct kunit *test)
{
	sid_expect_round_trip(test, "S-1-5-18", "S-1-5-18");
	sid_expect_round_trip(test, "S-1-5-21-1-2-3-1001",
			      "S-1-5-21-1-2-3-1001");
	sid_expect_round_trip(test, "S-1-0-0", "S-1-0-0");
	sid_expect_round_trip(test, "S-1-5-021", "S-1-5-21");
	/* Largest authority (48 bits) and sub-authorities (32 bits). */
	sid_expect_round_trip(test,
			      "S-1-281474976710655-4294967295-4294967295-4294967295-4294967295-4294967295-4294967295-4294967295-4294967295-4294967295-4294967295-4294967295-4294967295-4294967295-4294967295-4294967295",
			      "S-1-281474976710655-4294967295-4294967295-4294967295-4294967295-4294967295-4294967295-4294967295-4294967295-4294967295-4294967295-4294967295-4294967295-4294967295-4294967295-4294967295");
}

static void sid_longest_fits_uapi_limit(struct kunit *test)
{
	struct logonsess_sid sid = {
		.authority = LOGONSESS_SID_AUTHORITY_MAX,
		.count = LOGONSESS_SID_SUBAUTH_MAX,
	};
	char buf[LOGONSESS_SID_BUF_SIZE];
	int i;

	for (i = 0; i < LOGONSESS_SID_SUBAUTH_MAX; i++)
		sid.subauth[i] = U32_MAX;
	KUNIT_EXPECT_EQ(test, logonsess_sid_format(&sid, buf),
			LOGONSESS_SID_MAX);
}

static void sid_parse_invalid(struct kunit *test)
{
	static const char *const bad[] = {
		"", "S", "S-", "S-1", "S-1-", "S-1-5", "S-1-5-", "s-1-5-18",
		"S-2-5-18", "S-0-5-18", "S-01-5-18x", "S-1-5-18-", "S-1--5-18",
		"S-1-5--18", "S-1-+5-18", "S-1-5-+18", "S-1-5- 18", " S-1-5-18",
		"S-1-5-18 ", "S-1-5-18\n", "S-1-5-0x12", "S-1-0x5-18",
		"S-1-5-4294967296", "S-1-281474976710656-1",
		"S-1-5-99999999999999999999999",
		/* 16 sub-authorities */
		"S-1-5-1-2-3-4-5-6-7-8-9-10-11-12-13-14-15-16",
	};
	struct logonsess_sid sid;
	int i;

	for (i = 0; i < ARRAY_SIZE(bad); i++)
		KUNIT_EXPECT_EQ_MSG(test, logonsess_sid_parse(bad[i], &sid),
				    -EINVAL, "\"%s\"", bad[i]);
}

static void sid_for_logon(struct kunit *test)
{
	static const struct {
		u64 id;
		const char *sid;
	} cases[] = {
		{ 0x3e7, "S-1-5-5-0-999" },
		{ 0x3e8, "S-1-5-5-0-1000" },
		{ 0xffffffff, "S-1-5-5-0-4294967295" },
		{ 0x100000000ULL, "S-1-5-5-1-0" },
		{ 0x123456789abcdefULL, "S-1-5-5-19088743-2309737967" },
	};
	char buf[LOGONSESS_SID_BUF_SIZE];
	struct logonsess_sid sid;
	int i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		logonsess_sid_for_logon(cases[i].id, &sid);
		logonsess_sid_format(&sid, buf);
		KUNIT_EXPECT_STREQ(test, buf, cases[i].sid);
	}
}

static void type_names(struct kunit *test)
{
	static const struct {
		unsigned int type;
		const char *name;
	} types[] = {
		{ 0, "system" },
		{ 2, "interactive" },
		{ 3, "network" },
		{ 4, "batch" },
		{ 5, "service" },
		{ 7, "unlock" },
		{ 8, "network_cleartext" },
		{ 9, "new_credentials" },
		{ 10, "remote_interactive" },
		{ 11, "cached_interactive" },
		{ 12, "cached_remote_interactive" },
		{ 13, "cached_unlock" },
	};
	unsigned int type;
	int i;

	for (i = 0; i < ARRAY_SIZE(types); i++) {
		KUNIT_EXPECT_STREQ(test, logonsess_type_name(types[i].type),
				   types[i].name);
		KUNIT_EXPECT_EQ(test,
				logonsess_type_from_name(types[i].name, &type),
				0);
		KUNIT_EXPECT_EQ(test, type, types[i].type);
	}
	KUNIT_EXPECT_NULL(test, logonsess_type_name(1));
	KUNIT_EXPECT_NULL(test, logonsess_type_name(6));
	KUNIT_EXPECT_NULL(test, logonsess_type_name(14));
	KUNIT_EXPECT_NULL(test, logonsess_type_name(UINT_MAX));
	KUNIT_EXPECT_EQ(test, logonsess_type_from_name("proxy", &type),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, logonsess_type_from_name("", &type), -EINVAL);
	KUNIT_EXPECT_EQ(test, logonsess_type_from_name("Interactive", &type),
			-EINVAL);
}

static int session_test_init(struct kunit *test)
{
	if (!logonsess_enabled)
		kunit_skip(test, "logonsess is not in the lsm= list");
	return 0;
}

static struct logonsess_session *create_test_session(struct kunit *test)
{
	static const struct logonsess_sid user = {
		.authority = 5, .count = 5, .subauth = { 21, 1, 2, 3, 1001 },
	};
	struct logonsess_session *session;

	session = logonsess_session_create(LOGONSESS_TYPE_INTERACTIVE, &user,
					   "kunit", "tty1", NULL, false);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, session);
	return session;
}

/* The error of a creation that must fail, with no creator. */
static long create_error(unsigned int type, const char *auth,
			 const char *origin)
{
	static const struct logonsess_sid user = {
		.authority = 5, .count = 1, .subauth = { 18 },
	};
	struct logonsess_session *session;

	session = logonsess_session_create(type, &user, auth, origin, NULL,
					   false);
	if (IS_ERR(session))
		return PTR_ERR(session);
	logonsess_session_put(session);
	return 0;
}

/* A session's value for @key, as a string owned by the test. */
static const char *session_field(struct kunit *test,
				 const struct logonsess_session *session,
				 const char *key)
{
	const char *value;
	char *copy;
	size_t len;

	value = logonsess_session_field(session, key, &len);
	copy = kunit_kzalloc(test, len + 1, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, copy);
	memcpy(copy, value, len);
	return copy;
}

static void session_fields(struct kunit *test)
{
	struct logonsess_session *session = create_test_session(test);
	char id[24], logon_sid[LOGONSESS_SID_BUF_SIZE];

	KUNIT_EXPECT_EQ(test, session->type, LOGONSESS_TYPE_INTERACTIVE);
	snprintf(id, sizeof(id), "%#llx", session->id);
	snprintf(logon_sid, sizeof(logon_sid), "S-1-5-5-%u-%u",
		 upper_32_bits(session->id), lower_32_bits(session->id));
	KUNIT_EXPECT_STREQ(test, session_field(test, session, "id"), id);
	KUNIT_EXPECT_STREQ(test, session_field(test, session, "type"),
			   "interactive");
	KUNIT_EXPECT_STREQ(test, session_field(test, session, "user"),
			   "S-1-5-21-1-2-3-1001");
	KUNIT_EXPECT_STREQ(test, session_field(test, session, "logon_sid"),
			   logon_sid);
	KUNIT_EXPECT_STREQ(test, session_field(test, session, "auth"),
			   "kunit");
	KUNIT_EXPECT_STREQ(test, session_field(test, session, "origin"),
			   "tty1");
	KUNIT_EXPECT_EQ(test, strlen(session_field(test, session, "time")),
			20);
	KUNIT_EXPECT_STREQ(test, session_field(test, session, "refs"), "");
	KUNIT_EXPECT_TRUE(test, session->has_origin);
	KUNIT_EXPECT_FALSE(test, session->permanent);
	KUNIT_EXPECT_EQ(test, logonsess_session_refs(session), 1);
	logonsess_session_put(session);
}

static void session_rejects_bad_fields(struct kunit *test)
{
	char long_auth[LOGONSESS_AUTH_MAX + 2];
	char long_origin[LOGONSESS_ORIGIN_MAX + 2];
	struct logonsess_session *first, *next;
	struct logonsess_stats before, after;

	memset(long_auth, 'a', sizeof(long_auth) - 1);
	long_auth[sizeof(long_auth) - 1] = '\0';
	memset(long_origin, 'o', sizeof(long_origin) - 1);
	long_origin[sizeof(long_origin) - 1] = '\0';

	first = create_test_session(test);
	logonsess_session_stats(&before);
	KUNIT_EXPECT_EQ(test, create_error(6, "a", NULL), -EINVAL);
	KUNIT_EXPECT_EQ(test, create_error(14, "a", NULL), -EINVAL);
	KUNIT_EXPECT_EQ(test, create_error(2, "", NULL), -EINVAL);
	KUNIT_EXPECT_EQ(test, create_error(2, long_auth, NULL), -EINVAL);
	KUNIT_EXPECT_EQ(test, create_error(2, "a", long_origin), -EINVAL);
	/* A space or a control character would split the line's tokens. */
	KUNIT_EXPECT_EQ(test, create_error(2, "a b", NULL), -EINVAL);
	KUNIT_EXPECT_EQ(test, create_error(2, "a", "tty1\n"), -EINVAL);
	logonsess_session_stats(&after);
	KUNIT_EXPECT_EQ(test, after.created, before.created);

	/* A refused session consumed no ID. */
	next = create_test_session(test);
	KUNIT_EXPECT_EQ(test, next->id, first->id + 1);
	logonsess_session_put(next);
	logonsess_session_put(first);
}

static void session_records_creator_and_link(struct kunit *test)
{
	static const struct logonsess_sid root = {
		.authority = 22, .count = 2, .subauth = { 1, 0 },
	};
	struct logonsess_session *system, *login, *elevated, *nested;
	struct logonsess_stats before, after;

	system = logonsess_session_lookup(LOGONSESS_ID_SYSTEM);
	login = create_test_session(test);
	KUNIT_EXPECT_EQ(test, login->creator, 0);
	KUNIT_EXPECT_EQ(test, logonsess_session_linked(login), 0);

	elevated = logonsess_session_create(LOGONSESS_TYPE_INTERACTIVE, &root,
					    "sudo", NULL, login, true);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, elevated);
	KUNIT_EXPECT_EQ(test, elevated->creator, login->id);
	KUNIT_EXPECT_EQ(test, logonsess_session_linked(elevated), login->id);

	nested = logonsess_session_create(LOGONSESS_TYPE_INTERACTIVE, &root,
					  "su", NULL, elevated, false);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, nested);
	KUNIT_EXPECT_EQ(test, nested->creator, elevated->id);
	KUNIT_EXPECT_EQ(test, logonsess_session_linked(nested), 0);

	/* No link to a well-known session, nor to none. */
	logonsess_session_stats(&before);
	KUNIT_EXPECT_EQ(test,
			PTR_ERR(logonsess_session_create(LOGONSESS_TYPE_BATCH,
							 &root, "cron", NULL,
							 system, true)),
			-EINVAL);
	KUNIT_EXPECT_EQ(test,
			PTR_ERR(logonsess_session_create(LOGONSESS_TYPE_BATCH,
							 &root, "cron", NULL,
							 NULL, true)),
			-EINVAL);
	logonsess_session_stats(&after);
	KUNIT_EXPECT_EQ(test, after.created, before.created);

	logonsess_session_put(nested);
	logonsess_session_put(elevated);
	logonsess_session_put(login);
}

static void session_ids_increase(struct kunit *test)
{
	struct logonsess_session *sessions[64];
	int i, j;

	for (i = 0; i < ARRAY_SIZE(sessions); i++) {
		sessions[i] = create_test_session(test);
		KUNIT_EXPECT_GE(test, sessions[i]->id,
				LOGONSESS_ID_FIRST_DYNAMIC);
		if (i)
			KUNIT_EXPECT_GT(test, sessions[i]->id,
					sessions[i - 1]->id);
	}
	for (i = 0; i < ARRAY_SIZE(sessions); i++) {
		struct logonsess_session *found;

		found = logonsess_session_lookup(sessions[i]->id);
		KUNIT_EXPECT_PTR_EQ(test, found, sessions[i]);
		logonsess_session_put(found);
		for (j = i + 1; j < ARRAY_SIZE(sessions); j++)
			KUNIT_EXPECT_NE(test, sessions[i]->id, sessions[j]->id);
	}
	for (i = 0; i < ARRAY_SIZE(sessions); i++)
		logonsess_session_put(sessions[i]);

	/* Released IDs are not handed out again. */
	sessions[0] = create_test_session(test);
	KUNIT_EXPECT_GT(test, sessions[0]->id,
			sessions[ARRAY_SIZE(sessions) - 1]->id);
	logonsess_session_put(sessions[0]);
}

static void session_dying_not_found(struct kunit *test)
{
	struct logonsess_session *session = create_test_session(test);
	u64 id = session->id;

	logonsess_session_put(session);
	/* Count at zero: lookup must not resurrect it, even before reaping. */
	KUNIT_EXPECT_NULL(test, logonsess_session_lookup(id));
	logonsess_session_flush();
	KUNIT_EXPECT_NULL(test, logonsess_session_lookup(id));
}

static void session_cred_lifecycle(struct kunit *test)
{
	struct logonsess_session *session = create_test_session(test);
	struct logonsess_stats before, after;
	const struct cred *saved;
	struct cred *first, *second;
	u64 id = session->id;

	logonsess_session_flush();
	logonsess_session_stats(&before);

	first = prepare_creds();
	KUNIT_ASSERT_NOT_NULL(test, first);
	logonsess_cred_install(first, session);
	KUNIT_EXPECT_EQ(test, logonsess_session_refs(session), 1);

	/* A credential prepared from @first references the same session. */
	saved = override_creds(first);
	second = prepare_creds();
	revert_creds(saved);
	KUNIT_ASSERT_NOT_NULL(test, second);
	KUNIT_EXPECT_PTR_EQ(test, logonsess_cred_session(second), session);
	KUNIT_EXPECT_EQ(test, logonsess_session_refs(session), 2);

	abort_creds(second);
	logonsess_session_flush();
	KUNIT_EXPECT_EQ(test, logonsess_session_refs(session), 1);
	session = logonsess_session_lookup(id);
	KUNIT_EXPECT_NOT_NULL(test, session);
	logonsess_session_put(session);

	/* The last credential goes: the session is destroyed, once. */
	abort_creds(first);
	logonsess_session_flush();
	KUNIT_EXPECT_NULL(test, logonsess_session_lookup(id));
	logonsess_session_stats(&after);
	KUNIT_EXPECT_EQ(test, after.destroyed, before.destroyed + 1);
	KUNIT_EXPECT_EQ(test, after.created, before.created);
}

/*
 * Code outside a session copies its credentials too (overlayfs copies its
 * mounter's for every create): a logged-off session is still copied.
 */
static void logged_off_session_copied(struct kunit *test)
{
	struct logonsess_session *session = create_test_session(test);
	const struct cred *saved;
	struct cred *first, *copy;
	u64 id = session->id;

	first = prepare_creds();
	KUNIT_ASSERT_NOT_NULL(test, first);
	logonsess_cred_install(first, session);

	WRITE_ONCE(session->logged_off, true);
	saved = override_creds(first);
	copy = prepare_creds();
	revert_creds(saved);
	KUNIT_ASSERT_NOT_NULL(test, copy);
	KUNIT_EXPECT_PTR_EQ(test, logonsess_cred_session(copy), session);
	KUNIT_EXPECT_EQ(test, logonsess_session_refs(session), 2);
	abort_creds(copy);
	logonsess_session_flush();
	KUNIT_EXPECT_EQ(test, logonsess_session_refs(session), 1);

	abort_creds(first);
	logonsess_session_flush();
	KUNIT_EXPECT_NULL(test, logonsess_session_lookup(id));
}

static void well_known_pinned(struct kunit *test)
{
	static const struct {
		u64 id;
		unsigned int type;
		const char *user;
	} well_known[] = {
		{ LOGONSESS_ID_SYSTEM, LOGONSESS_TYPE_SYSTEM, "S-1-5-18" },
		{ LOGONSESS_ID_ANONYMOUS, LOGONSESS_TYPE_NETWORK, "S-1-5-7" },
		{ LOGONSESS_ID_LOCAL_SERVICE, LOGONSESS_TYPE_SERVICE,
		  "S-1-5-19" },
		{ LOGONSESS_ID_NETWORK_SERVICE, LOGONSESS_TYPE_SERVICE,
		  "S-1-5-20" },
	};
	struct logonsess_session *session;
	struct cred *cred;
	int i;

	for (i = 0; i < ARRAY_SIZE(well_known); i++) {
		session = logonsess_session_lookup(well_known[i].id);
		KUNIT_ASSERT_NOT_NULL(test, session);
		KUNIT_EXPECT_TRUE(test, session->permanent);
		KUNIT_EXPECT_EQ(test, session->type, well_known[i].type);
		KUNIT_EXPECT_STREQ(test, session_field(test, session, "user"),
				   well_known[i].user);
		KUNIT_EXPECT_STREQ(test, session_field(test, session, "origin"),
				   "-");
		KUNIT_EXPECT_FALSE(test, session->has_origin);

		/* Joined and left by a credential: still there after. */
		cred = prepare_creds();
		KUNIT_ASSERT_NOT_NULL(test, cred);
		logonsess_cred_install(cred, session);
		abort_creds(cred);
		logonsess_session_flush();
		session = logonsess_session_lookup(well_known[i].id);
		KUNIT_EXPECT_NOT_NULL(test, session);
		logonsess_session_put(session);
	}

	/* Kernel threads, this one included, descend from init_cred. */
	session = logonsess_cred_session(current_cred());
	KUNIT_ASSERT_NOT_NULL(test, session);
	KUNIT_EXPECT_EQ(test, session->id, LOGONSESS_ID_SYSTEM);
}

/*
 * Every credential copy of SYSTEM would otherwise write one shared count:
 * the well-known sessions are not counted at all.
 */
static void well_known_not_counted(struct kunit *test)
{
	struct logonsess_session *system = logonsess_cred_session(current_cred());
	struct cred *creds[16];
	int i;

	KUNIT_ASSERT_NOT_NULL(test, system);
	KUNIT_ASSERT_TRUE(test, system->permanent);
	KUNIT_EXPECT_EQ(test, refcount_read(&system->usage), 1);
	for (i = 0; i < ARRAY_SIZE(creds); i++) {
		creds[i] = prepare_creds();
		KUNIT_ASSERT_NOT_NULL(test, creds[i]);
		KUNIT_EXPECT_PTR_EQ(test, logonsess_cred_session(creds[i]),
				    system);
	}
	KUNIT_EXPECT_EQ(test, refcount_read(&system->usage), 1);
	for (i = 0; i < ARRAY_SIZE(creds); i++)
		abort_creds(creds[i]);
	logonsess_session_flush();
	KUNIT_EXPECT_EQ(test, refcount_read(&system->usage), 1);
	KUNIT_EXPECT_PTR_EQ(test, logonsess_session_lookup(LOGONSESS_ID_SYSTEM),
			    system);
}

static struct kunit_case logonsess_sid_test_cases[] = {
	KUNIT_CASE(sid_parse_valid),
	KUNIT_CASE(sid_longest_fits_uapi_limit),
	KUNIT_CASE(sid_parse_invalid),
	KUNIT_CASE(sid_for_logon),
	KUNIT_CASE(type_names),
	{}
};

static struct kunit_suite logonsess_sid_test_suite = {
	.name = "logonsess_sid",
	.test_cases = logonsess_sid_test_cases,
};

static struct kunit_case logonsess_session_test_cases[] = {
	KUNIT_CASE(session_fields),
	KUNIT_CASE(session_rejects_bad_fields),
	KUNIT_CASE(session_records_creator_and_link),
	KUNIT_CASE(session_ids_increase),
	KUNIT_CASE(session_dying_not_found),
	KUNIT_CASE(session_cred_lifecycle),
	KUNIT_CASE(logged_off_session_copied),
	KUNIT_CASE(well_known_pinned),
	KUNIT_CASE(well_known_not_counted),
	{}
};

static struct kunit_suite logonsess_session_test_suite = {
	.name = "logonsess_session",
	.init = session_test_init,
	.test_cases = logonsess_session_test_cases,
};

/* The label of this boot for @id, as the kernel stores it. */
static int this_boot_label(u64 id, char buf[LOGONSESS_LABEL_TEXT_SIZE])
{
	return logonsess_label_format(id, buf);
}

static void label_round_trip(struct kunit *test)
{
	static const u64 ids[] = { LOGONSESS_ID_NETWORK_SERVICE,
				   LOGONSESS_ID_SYSTEM, 0x3e8, 0x1234567890ULL,
				   LONG_MAX };
	char buf[LOGONSESS_LABEL_TEXT_SIZE], expect[LOGONSESS_LABEL_TEXT_SIZE];
	u64 label;
	int i, len;

	for (i = 0; i < ARRAY_SIZE(ids); i++) {
		len = this_boot_label(ids[i], buf);
		snprintf(expect, sizeof(expect), "S-1-5-5-%u-%u boot=%*phN",
			 upper_32_bits(ids[i]), lower_32_bits(ids[i]),
			 LOGONSESS_BOOT_ID_SIZE, logonsess_boot_id);
		KUNIT_EXPECT_STREQ(test, buf, expect);
		KUNIT_EXPECT_EQ(test, len, (int)strlen(expect));
		KUNIT_EXPECT_EQ(test, logonsess_label_parse(buf, len, &label), 0);
		KUNIT_EXPECT_EQ(test, label, ids[i]);
		KUNIT_EXPECT_EQ(test, logonsess_label_from_stored(buf, len),
				ids[i]);
		/* One trailing NUL, as setxattr callers may write it. */
		KUNIT_EXPECT_EQ(test, logonsess_label_from_stored(buf, len + 1),
				ids[i]);
	}
}

static void label_of_another_boot_is_stale(struct kunit *test)
{
	char buf[LOGONSESS_LABEL_TEXT_SIZE];
	u64 label;
	int len;

	len = this_boot_label(0x3e8, buf);
	/* Change one digit of the boot: another boot's label. */
	buf[len - 1] = buf[len - 1] == '0' ? '1' : '0';
	KUNIT_EXPECT_EQ(test, logonsess_label_parse(buf, len, &label), 0);
	KUNIT_EXPECT_EQ(test, label, LOGONSESS_LABEL_STALE | 0x3e8);
	KUNIT_EXPECT_EQ(test, logonsess_label_from_stored(buf, len),
			LOGONSESS_LABEL_STALE | 0x3e8);

	/* A stale label inherited stays stale, with its ID. */
	len = logonsess_label_format(LOGONSESS_LABEL_STALE | 0x3e9, buf);
	KUNIT_EXPECT_STREQ(test, buf,
			   "S-1-5-5-0-1001 boot=00000000000000000000000000000000");
	KUNIT_EXPECT_EQ(test, logonsess_label_from_stored(buf, len),
			LOGONSESS_LABEL_STALE | 0x3e9);
	/* One that had no ID (unreadable) stays one that admits nobody. */
	len = logonsess_label_format(LOGONSESS_LABEL_STALE, buf);
	KUNIT_EXPECT_EQ(test, logonsess_label_from_stored(buf, len),
			LOGONSESS_LABEL_STALE);
}

static void label_rejects_what_is_no_label(struct kunit *test)
{
	char good[LOGONSESS_LABEL_TEXT_SIZE], buf[2 * LOGONSESS_LABEL_TEXT_SIZE];
	const char *boot;
	static const char *const bad[] = {
		"",
		"S-1-5-5-0-1000",			/* bare: not bound */
		"S-1-5-5-0-1000 ",
		"S-1-5-5-0-1000 boot=",
		"S-1-5-5-0-1000 boot=0123456789abcdef0123456789abcde",
		"S-1-5-5-0-1000 boot=0123456789abcdef0123456789abcdefa",
		"S-1-5-5-0-1000 boot=0123456789abcdef0123456789abcdeg",
		"S-1-5-5-0-1000 boot=0123456789ABCDEF0123456789abcdef",
		"S-1-5-5-0-1000 bootx0123456789abcdef0123456789abcdef",
		"S-1-5-5-0-1000  boot=0123456789abcdef0123456789abcdef",
		"S-1-5-5-0-995 boot=0123456789abcdef0123456789abcdef",
		"S-1-5-5-2147483648-0 boot=0123456789abcdef0123456789abcdef",
		"S-1-5-5-0-0 boot=0123456789abcdef0123456789abcdef",
		"S-1-5-21-0-1000 boot=0123456789abcdef0123456789abcdef",
		"S-1-5-5-1000 boot=0123456789abcdef0123456789abcdef",
		"S-1-5-5-0-1000-1 boot=0123456789abcdef0123456789abcdef",
		"S-1-5-5-0-01000x boot=0123456789abcdef0123456789abcdef",
		"s-1-5-5-0-1000 boot=0123456789abcdef0123456789abcdef",
	};
	u64 label = 42;
	int i, len;

	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		len = strlen(bad[i]);
		KUNIT_EXPECT_EQ_MSG(test, logonsess_label_parse(bad[i], len,
								&label),
				    -EINVAL, "value \"%s\"", bad[i]);
		KUNIT_EXPECT_EQ_MSG(test,
				    logonsess_label_from_stored(bad[i], len),
				    LOGONSESS_LABEL_STALE, "value \"%s\"",
				    bad[i]);
	}
	KUNIT_EXPECT_EQ(test, label, 42);

	/* A NUL inside, or more than one at the end. */
	len = this_boot_label(0x3e8, good);
	boot = strchr(good, ' ');
	memcpy(buf, good, len + 1);
	buf[boot - good] = '\0';
	KUNIT_EXPECT_EQ(test, logonsess_label_parse(buf, len, &label), -EINVAL);
	memcpy(buf, good, len);
	buf[len] = '\0';
	buf[len + 1] = '\0';
	KUNIT_EXPECT_EQ(test, logonsess_label_parse(buf, len + 2, &label),
			-EINVAL);
	/* Too long for any label. */
	memset(buf, 'S', sizeof(buf));
	KUNIT_EXPECT_EQ(test, logonsess_label_parse(buf, sizeof(buf), &label),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, label, 42);
}

static struct kunit_case logonsess_label_test_cases[] = {
	KUNIT_CASE(label_round_trip),
	KUNIT_CASE(label_of_another_boot_is_stale),
	KUNIT_CASE(label_rejects_what_is_no_label),
	{}
};

static struct kunit_suite logonsess_label_test_suite = {
	.name = "logonsess_label",
	.test_cases = logonsess_label_test_cases,
};

kunit_test_suites(&logonsess_sid_test_suite, &logonsess_session_test_suite,
		  &logonsess_label_test_suite);
