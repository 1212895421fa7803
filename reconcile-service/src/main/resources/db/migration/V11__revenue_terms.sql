-- Local copy of pricing.revenue-terms.v1 (the newest statement of each term), for margins (issue 13).
create table revenue_term (
    term_id  uuid primary key,
    workload varchar(255),
    account  varchar(255),
    event    text not null
);
