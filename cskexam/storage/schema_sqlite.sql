-- alembic heads: 0015_one_head
CREATE TABLE alembic_version (
	version_num VARCHAR(32) NOT NULL, 
	CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num)
)
;;
CREATE TABLE nodes (
	id VARCHAR(40) NOT NULL, 
	kind VARCHAR(16) NOT NULL, 
	title TEXT NOT NULL, 
	text TEXT NOT NULL, 
	marker TEXT NOT NULL, 
	parent_id VARCHAR(40), 
	document_id VARCHAR(40) NOT NULL, 
	position INTEGER NOT NULL, 
	seq INTEGER NOT NULL, 
	count INTEGER, 
	mnemonic TEXT, 
	page VARCHAR(32), 
	tags JSON NOT NULL, 
	flags JSON NOT NULL, 
	source_file TEXT NOT NULL, 
	source_line INTEGER NOT NULL, 
	active BOOLEAN DEFAULT 1 NOT NULL, 
	first_seen DATETIME NOT NULL, 
	last_seen DATETIME NOT NULL, 
	changed_at DATETIME NOT NULL, source_end INTEGER DEFAULT 0 NOT NULL, original TEXT DEFAULT '' NOT NULL, 
	CONSTRAINT pk_nodes PRIMARY KEY (id), 
	CONSTRAINT fk_nodes_parent_id_nodes FOREIGN KEY(parent_id) REFERENCES nodes (id) DEFERRABLE INITIALLY DEFERRED
)
;;
CREATE TABLE edges (
	source_id VARCHAR(40) NOT NULL, 
	target_id VARCHAR(40) NOT NULL, 
	kind VARCHAR(16) NOT NULL, 
	seq INTEGER NOT NULL, 
	active BOOLEAN DEFAULT 1 NOT NULL, 
	first_seen DATETIME NOT NULL, 
	last_seen DATETIME NOT NULL, 
	CONSTRAINT pk_edges PRIMARY KEY (source_id, target_id, kind), 
	CONSTRAINT fk_edges_source_id_nodes FOREIGN KEY(source_id) REFERENCES nodes (id), 
	CONSTRAINT fk_edges_target_id_nodes FOREIGN KEY(target_id) REFERENCES nodes (id)
)
;;
CREATE TABLE definitions (
	id VARCHAR(40) NOT NULL, 
	node_id VARCHAR(40) NOT NULL, 
	term TEXT NOT NULL, 
	text TEXT NOT NULL, 
	seq INTEGER NOT NULL, 
	active BOOLEAN DEFAULT 1 NOT NULL, 
	first_seen DATETIME NOT NULL, 
	last_seen DATETIME NOT NULL, 
	changed_at DATETIME NOT NULL, 
	CONSTRAINT pk_definitions PRIMARY KEY (id), 
	CONSTRAINT fk_definitions_node_id_nodes FOREIGN KEY(node_id) REFERENCES nodes (id)
)
;;
CREATE TABLE import_runs (
	id INTEGER NOT NULL, 
	started_at DATETIME NOT NULL, 
	finished_at DATETIME NOT NULL, 
	files JSON NOT NULL, 
	added INTEGER NOT NULL, 
	updated INTEGER NOT NULL, 
	unchanged INTEGER NOT NULL, 
	deactivated INTEGER NOT NULL, 
	reactivated INTEGER NOT NULL, 
	nodes INTEGER NOT NULL, 
	edges INTEGER NOT NULL, 
	definitions INTEGER NOT NULL, steps JSON, 
	CONSTRAINT pk_import_runs PRIMARY KEY (id)
)
;;
CREATE TABLE review_settings (
	profile VARCHAR(32) NOT NULL, 
	settings JSON NOT NULL, 
	updated_at DATETIME NOT NULL, 
	CONSTRAINT pk_review_settings PRIMARY KEY (profile)
)
;;
CREATE TABLE search_grams (
	gram TEXT NOT NULL, 
	terms TEXT NOT NULL, 
	CONSTRAINT pk_search_grams PRIMARY KEY (gram)
)
 WITHOUT ROWID


;;
CREATE TABLE search_pinyin (
	"key" TEXT NOT NULL, 
	title_key TEXT NOT NULL, 
	start INTEGER NOT NULL, 
	initials BOOLEAN NOT NULL, 
	CONSTRAINT pk_search_pinyin PRIMARY KEY ("key", title_key)
)
 WITHOUT ROWID


;;
CREATE TABLE search_meta (
	"key" VARCHAR(32) NOT NULL, 
	value TEXT NOT NULL, 
	CONSTRAINT pk_search_meta PRIMARY KEY ("key")
)
;;
CREATE VIRTUAL TABLE search_fts USING fts5(tokens, content='', detail='none', tokenize='ascii', columnsize=0)
;;
CREATE VIRTUAL TABLE search_title_fts USING fts5(tokens, content='', detail='none', tokenize='ascii', columnsize=0)
;;
CREATE TABLE "search_docs" (
	id INTEGER NOT NULL, 
	node_id VARCHAR(40) NOT NULL, 
	source VARCHAR(16) DEFAULT 'node' NOT NULL, 
	ref VARCHAR(64) DEFAULT ('') NOT NULL, 
	kind VARCHAR(16) NOT NULL, 
	title TEXT NOT NULL, 
	title_key TEXT NOT NULL, 
	path TEXT NOT NULL, 
	body TEXT NOT NULL, 
	seq INTEGER NOT NULL, 
	tokens TEXT DEFAULT ('') NOT NULL, title_tokens TEXT DEFAULT '' NOT NULL, 
	CONSTRAINT pk_search_docs PRIMARY KEY (id)
)
;;
CREATE TABLE questions (
	id VARCHAR(40) NOT NULL, 
	type VARCHAR(8) NOT NULL, 
	stem TEXT NOT NULL, 
	options JSON NOT NULL, 
	answer JSON NOT NULL, 
	explanation TEXT NOT NULL, 
	points JSON NOT NULL, 
	tags JSON NOT NULL, 
	node_id VARCHAR(40), 
	kind VARCHAR(24) NOT NULL, 
	source VARCHAR(12) NOT NULL, 
	difficulty INTEGER NOT NULL, 
	document TEXT NOT NULL, 
	origin_file TEXT, 
	origin_line INTEGER, 
	seq INTEGER NOT NULL, 
	active BOOLEAN DEFAULT 1 NOT NULL, 
	created_at DATETIME NOT NULL, 
	changed_at DATETIME NOT NULL, 
	CONSTRAINT pk_questions PRIMARY KEY (id), 
	CONSTRAINT fk_questions_node_id_nodes FOREIGN KEY(node_id) REFERENCES nodes (id)
)
;;
CREATE TABLE question_answers (
	id INTEGER NOT NULL, 
	question_id VARCHAR(40) NOT NULL, 
	answered_at DATETIME NOT NULL, 
	given JSON NOT NULL, 
	correct BOOLEAN NOT NULL, 
	score FLOAT NOT NULL, 
	mode VARCHAR(16) NOT NULL, 
	context VARCHAR(64), 
	duration_ms INTEGER, profile VARCHAR(32) DEFAULT 'default' NOT NULL, 
	CONSTRAINT pk_question_answers PRIMARY KEY (id), 
	CONSTRAINT fk_question_answers_question_id_questions FOREIGN KEY(question_id) REFERENCES questions (id)
)
;;
CREATE TABLE exam_attempts (
	id INTEGER NOT NULL, 
	blueprint VARCHAR(64) NOT NULL, 
	blueprint_data JSON NOT NULL, 
	seed INTEGER NOT NULL, 
	status VARCHAR(16) NOT NULL, 
	started_at DATETIME NOT NULL, 
	updated_at DATETIME NOT NULL, 
	finished_at DATETIME, 
	time_limit_s INTEGER NOT NULL, 
	remaining_s FLOAT NOT NULL, 
	current INTEGER NOT NULL, 
	paper JSON NOT NULL, 
	shortfalls JSON NOT NULL, 
	total FLOAT NOT NULL, 
	pass_mark FLOAT NOT NULL, 
	score FLOAT, 
	passed BOOLEAN, 
	predicted FLOAT, 
	predicted_raw FLOAT, 
	predicted_low FLOAT, 
	predicted_high FLOAT, 
	report JSON, profile VARCHAR(32) DEFAULT 'default' NOT NULL, 
	CONSTRAINT pk_exam_attempts PRIMARY KEY (id)
)
;;
CREATE TABLE exam_answers (
	attempt_id INTEGER NOT NULL, 
	number INTEGER NOT NULL, 
	question_id VARCHAR(40) NOT NULL, 
	given JSON, 
	flagged BOOLEAN NOT NULL, 
	updated_at DATETIME NOT NULL, 
	earned FLOAT, 
	correct BOOLEAN, 
	CONSTRAINT pk_exam_answers PRIMARY KEY (attempt_id, number), 
	CONSTRAINT fk_exam_answers_attempt_id_exam_attempts FOREIGN KEY(attempt_id) REFERENCES exam_attempts (id), 
	CONSTRAINT fk_exam_answers_question_id_questions FOREIGN KEY(question_id) REFERENCES questions (id)
)
;;
CREATE TABLE profiles (
	name VARCHAR(32) NOT NULL, 
	created_at DATETIME NOT NULL, 
	CONSTRAINT pk_profiles PRIMARY KEY (name)
)
;;
CREATE TABLE "cards" (
	id VARCHAR(16) NOT NULL, 
	node_id VARCHAR(40) NOT NULL, 
	kind VARCHAR(16) NOT NULL, 
	front TEXT NOT NULL, 
	back TEXT NOT NULL, 
	seq INTEGER NOT NULL, 
	created_at DATETIME NOT NULL, 
	changed_at DATETIME NOT NULL, 
	orphaned BOOLEAN DEFAULT 0 NOT NULL, 
	suspended BOOLEAN DEFAULT 0 NOT NULL, 
	leech BOOLEAN DEFAULT 0 NOT NULL, 
	buried_until DATETIME, 
	state INTEGER DEFAULT 0 NOT NULL, 
	step INTEGER, 
	stability FLOAT, 
	difficulty FLOAT, 
	due DATETIME, 
	last_review DATETIME, 
	reps INTEGER DEFAULT 0 NOT NULL, 
	lapses INTEGER DEFAULT 0 NOT NULL, 
	version INTEGER DEFAULT 0 NOT NULL, 
	edited BOOLEAN DEFAULT 0 NOT NULL, 
	custom BOOLEAN DEFAULT 0 NOT NULL, 
	profile VARCHAR(32) DEFAULT 'default' NOT NULL, 
	CONSTRAINT pk_cards PRIMARY KEY (id, profile), 
	CONSTRAINT fk_cards_node_id_nodes FOREIGN KEY(node_id) REFERENCES nodes (id)
)
;;
CREATE TABLE "review_logs" (
	id INTEGER NOT NULL, 
	card_id VARCHAR(16) NOT NULL, 
	rating INTEGER NOT NULL, 
	reviewed_at DATETIME NOT NULL, 
	duration_ms INTEGER, 
	state_before INTEGER NOT NULL, 
	state_after INTEGER NOT NULL, 
	due_after DATETIME, 
	reason VARCHAR(32), 
	"before" JSON NOT NULL, 
	profile VARCHAR(32) DEFAULT 'default' NOT NULL, 
	CONSTRAINT pk_review_logs PRIMARY KEY (id), 
	CONSTRAINT fk_review_logs_card_id_cards FOREIGN KEY(card_id, profile) REFERENCES cards (id, profile)
)
;;
CREATE TABLE "wrong_book" (
	question_id VARCHAR(40) NOT NULL, 
	wrong_count INTEGER NOT NULL, 
	first_wrong_at DATETIME NOT NULL, 
	last_wrong_at DATETIME NOT NULL, 
	last_given JSON, 
	right_streak INTEGER NOT NULL, 
	cleared_at DATETIME, 
	profile VARCHAR(32) DEFAULT 'default' NOT NULL, 
	CONSTRAINT pk_wrong_book PRIMARY KEY (profile, question_id), 
	CONSTRAINT fk_wrong_book_question_id_questions FOREIGN KEY(question_id) REFERENCES questions (id)
)
;;
CREATE TABLE "question_stars" (
	question_id VARCHAR(40) NOT NULL, 
	starred_at DATETIME NOT NULL, 
	profile VARCHAR(32) DEFAULT 'default' NOT NULL, 
	CONSTRAINT pk_question_stars PRIMARY KEY (profile, question_id), 
	CONSTRAINT fk_question_stars_question_id_questions FOREIGN KEY(question_id) REFERENCES questions (id)
)
;;
CREATE TABLE "question_settings" (
	"key" VARCHAR(32) NOT NULL, 
	value JSON NOT NULL, 
	profile VARCHAR(32) DEFAULT 'default' NOT NULL, 
	CONSTRAINT pk_question_settings PRIMARY KEY (profile, "key")
)
;;
CREATE TABLE "search_terms" (
	term TEXT NOT NULL, 
	df INTEGER NOT NULL, 
	CONSTRAINT pk_search_terms PRIMARY KEY (term)
)
 WITHOUT ROWID


;;
CREATE TABLE search_readings (
	char VARCHAR(1) NOT NULL, 
	reading VARCHAR(8) NOT NULL, 
	CONSTRAINT pk_search_readings PRIMARY KEY (char)
)
 WITHOUT ROWID


;;
CREATE INDEX ix_nodes_parent_id ON nodes (parent_id)
;;
CREATE INDEX ix_nodes_document_id ON nodes (document_id)
;;
CREATE INDEX ix_nodes_active_seq ON nodes (active, seq)
;;
CREATE INDEX ix_edges_target_id ON edges (target_id)
;;
CREATE INDEX ix_definitions_node_id ON definitions (node_id)
;;
CREATE INDEX ix_search_pinyin_title_initials ON search_pinyin ("key") WHERE initials = 1 AND start = 0
;;
CREATE INDEX ix_search_docs_title_key ON search_docs (title_key)
;;
CREATE INDEX ix_questions_node_id ON questions (node_id)
;;
CREATE INDEX ix_questions_active_seq ON questions (active, seq)
;;
CREATE INDEX ix_questions_source ON questions (source)
;;
CREATE INDEX ix_question_answers_question_id ON question_answers (question_id)
;;
CREATE INDEX ix_question_answers_answered_at ON question_answers (answered_at)
;;
CREATE INDEX ix_exam_answers_question_id ON exam_answers (question_id)
;;
CREATE INDEX ix_cards_node_id ON cards (node_id)
;;
CREATE INDEX ix_cards_profile_due ON cards (profile, due)
;;
CREATE INDEX ix_cards_queue_due ON cards (profile, state, due, suspended, orphaned, buried_until)
;;
CREATE INDEX ix_cards_queue_new ON cards (profile, state, seq, suspended, orphaned, buried_until)
;;
CREATE INDEX ix_review_logs_card_id_profile ON review_logs (card_id, profile)
;;
CREATE INDEX ix_review_logs_profile_reviewed_at ON review_logs (profile, reviewed_at)
;;
CREATE INDEX ix_question_answers_profile_question_id ON question_answers (profile, question_id)
;;
CREATE INDEX ix_wrong_book_last_wrong_at ON wrong_book (last_wrong_at)
;;
CREATE INDEX ix_exam_attempts_profile_status_started_at ON exam_attempts (profile, status, started_at)
