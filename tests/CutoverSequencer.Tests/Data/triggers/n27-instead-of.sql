-- type: INSTEAD OF
TRIGGER orders_v_ioi INSTEAD OF INSERT ON orders_v FOR EACH ROW
BEGIN
  INSERT INTO orders (order_id, note) VALUES (order_seq.NEXTVAL, :NEW.note);
END;
