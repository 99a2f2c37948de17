-- Run once by the postgres:15 image on a fresh volume (POSTGRES_DB creates `hotline`).
CREATE DATABASE hotline_test;
