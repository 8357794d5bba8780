-- The financial schema of seed chapter 7.7 right after the full load: every row copied with its
-- Oracle key, every sequence still at its start value. Keys end at the "max in target" figures.
CREATE SEQUENCE account_seq;
CREATE SEQUENCE transaction_seq;
CREATE SEQUENCE payment_seq;
CREATE SEQUENCE ledger_entry_seq;
CREATE SEQUENCE recon_batch_seq;

CREATE TABLE account (
    account_id bigint NOT NULL DEFAULT nextval('account_seq') PRIMARY KEY,
    user_name  text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE transaction (
    transaction_id bigint NOT NULL DEFAULT nextval('transaction_seq') PRIMARY KEY,
    account_id     bigint NOT NULL,
    amount         numeric(18, 2) NOT NULL
);
CREATE TABLE payment (
    payment_id bigint NOT NULL DEFAULT nextval('payment_seq') PRIMARY KEY,
    account_id bigint NOT NULL,
    amount     numeric(18, 2) NOT NULL
);
CREATE TABLE ledger_entry (
    ledger_entry_id bigint NOT NULL DEFAULT nextval('ledger_entry_seq') PRIMARY KEY,
    transaction_id  bigint NOT NULL,
    amount          numeric(18, 2) NOT NULL
);
CREATE TABLE reconciliation_batch (
    recon_batch_id integer NOT NULL DEFAULT nextval('recon_batch_seq') PRIMARY KEY,
    closed_on      date NOT NULL
);

INSERT INTO account (account_id, user_name)
SELECT g, 'customer ' || g FROM generate_series(846291, 847290) AS g;
INSERT INTO transaction (transaction_id, account_id, amount)
SELECT g, 846291 + g % 1000, (g % 997) / 10.0 FROM generate_series(24885202, 24886201) AS g;
INSERT INTO payment (payment_id, account_id, amount)
SELECT g, 846291 + g % 1000, (g % 991) / 10.0 FROM generate_series(6100991, 6101990) AS g;
INSERT INTO ledger_entry (ledger_entry_id, transaction_id, amount)
SELECT g, 24885202 + g % 1000, (g % 983) / 10.0 FROM generate_series(78422101, 78423100) AS g;
INSERT INTO reconciliation_batch (recon_batch_id, closed_on)
SELECT g, date '2014-01-01' + g FROM generate_series(1, 4421) AS g;
ANALYZE;
